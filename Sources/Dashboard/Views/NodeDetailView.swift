/// One node (Enter on a node): its health with history sparklines, its kinds of process and
/// distribution links when it exports them, then its own processes, filtered and sorted like
/// the fleet list.
public struct NodeDetailView: Sendable {
    public var model: DashboardModel
    public var state: DashboardState
    public var nodeName: String
    public var appearance: Appearance

    public init(model: DashboardModel, state: DashboardState, nodeName: String, appearance: Appearance = .standard) {
        self.model = model
        self.state = state
        self.nodeName = nodeName
        self.appearance = appearance
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard let body = DetailFrame(model: model, state: state, appearance: appearance).draw(in: area, into: &buffer) else { return }
        let theme = appearance.theme
        let heights = sectionHeights(height: area.height)
        let parts = body.split(.vertical, [.fixed(heights.health), .fixed(heights.breakdown), .min(0)])
        guard let node = model.nodes.first(where: { $0.name == nodeName }) else {
            let inner = Panel(title: "Node \(nodeName)", borders: .top, borderStyle: theme.border, titleStyle: theme.title,
                              symbols: appearance.symbols).draw(in: parts[0], into: &buffer)
            buffer.write(" This node is no longer reported.", at: Position(x: inner.x, y: inner.y), style: theme.muted, maxWidth: inner.width)
            return
        }
        let status: String = switch node.status {
        case .up: "up"
        case .down(let reason): reason.isEmpty ? "down" : "down: \(reason)"
        }
        let healthArea = Panel(title: "Node \(node.name) (\(status))", borders: .top, borderStyle: theme.border,
                               titleStyle: node.status.isUp ? theme.title : theme.problem, symbols: appearance.symbols)
            .draw(in: parts[0], into: &buffer)
        NodeHealthSection(node: node, appearance: appearance).draw(in: healthArea, into: &buffer)
        if heights.breakdown > 0 {
            let breakdownArea = Panel(title: NodeBreakdownSection.title(node), borders: .top, borderStyle: theme.border,
                                      titleStyle: theme.title, symbols: appearance.symbols).draw(in: parts[1], into: &buffer)
            NodeBreakdownSection(node: node, appearance: appearance).draw(in: breakdownArea, into: &buffer)
        }
        drawProcesses(in: parts[2], into: &buffer)
    }

    /// A `width`×`height` buffer with this view drawn in it.
    public func render(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        draw(in: buffer.area, into: &buffer)
        return buffer
    }

    private func drawProcesses(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let rows = max(0, area.height - 2)
        var selection = max(0, state.detailSelection)
        var listing = listing(selection: selection, rows: rows)
        if selection >= listing.total, listing.total > 0 {
            selection = listing.total - 1
            listing = self.listing(selection: selection, rows: rows)
        }
        var title = "Processes on \(nodeName) (\(HumanFormat.count(listing.total)))"
        if state.sort != .rank { title += " by \(state.sort.rawValue)" }
        let inner = Panel(title: title, borders: .top, borderStyle: appearance.theme.border, titleStyle: appearance.theme.title,
                          symbols: appearance.symbols).draw(in: area, into: &buffer)
        ProcessTableBuilder(appearance: appearance, showsNode: false).table(listing, selection: selection).draw(in: inner, into: &buffer)
    }

    private func listing(selection: Int, rows: Int) -> ProcessListing {
        let offset = Table.offset(keeping: selection, visibleRows: rows)
        return ProcessListing(model.processes, filter: state.filter, node: nodeName, sort: state.sort, window: offset..<(offset + rows))
    }

    /// Process rows that fit on a `height`-row screen: the reducer's page size here.
    func processRows(height: Int) -> Int {
        let heights = sectionHeights(height: height)
        return max(1, height - 2 - heights.health - heights.breakdown - 2)
    }

    /// Rows for the health block and for the types and links block on a `height`-row screen.
    /// Health gets its full block when there is room for at least three process rows under it;
    /// types and links show only when that still leaves three.
    private func sectionHeights(height: Int) -> (health: Int, breakdown: Int) {
        let room = height - 2
        let health = min(NodeHealthSection.lineCount + 1, max(2, room - 5))
        guard let node = model.nodes.first(where: { $0.name == nodeName }) else { return (health, 0) }
        let wanted = NodeBreakdownSection.lineCount(node)
        guard wanted > 0 else { return (health, 0) }
        let breakdown = min(wanted + 1, room - health - 5)
        return (health, breakdown >= 2 ? breakdown : 0)
    }
}
