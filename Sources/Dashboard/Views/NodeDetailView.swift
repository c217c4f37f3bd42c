/// One node (Enter on a node): its health with history sparklines, then its own processes,
/// filtered and sorted like the fleet list.
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
        guard !area.isEmpty else { return }
        buffer.fill(area)
        guard area.width >= FleetLayout.minimumWidth, area.height >= FleetLayout.minimumHeight else {
            MinimalView(model: model, paused: state.paused, appearance: appearance).draw(in: area, into: &buffer)
            return
        }
        let theme = appearance.theme
        let room = area.height - 2
        // Health gets its full block when there is room for at least three process rows under it.
        let healthHeight = min(NodeHealthSection.lineCount + 1, max(2, room - 5))
        let parts = area.split(.vertical, [.fixed(1), .fixed(healthHeight), .min(0), .fixed(1)])
        HeaderBar(header: model.header, paused: state.paused, sort: state.sort, appearance: appearance).draw(in: parts[0], into: &buffer)
        FooterBar(state: state, appearance: appearance).draw(in: parts[3], into: &buffer)
        guard let node = model.nodes.first(where: { $0.name == nodeName }) else {
            let inner = Panel(title: "Node \(nodeName)", borders: .top, borderStyle: theme.border, titleStyle: theme.title,
                              symbols: appearance.symbols).draw(in: parts[1], into: &buffer)
            buffer.write(" This node is no longer reported.", at: Position(x: inner.x, y: inner.y), style: theme.muted, maxWidth: inner.width)
            return
        }
        let status: String = switch node.status {
        case .up: "up"
        case .down(let reason): reason.isEmpty ? "down" : "down: \(reason)"
        }
        let healthArea = Panel(title: "Node \(node.name) (\(status))", borders: .top, borderStyle: theme.border,
                               titleStyle: node.status.isUp ? theme.title : theme.problem, symbols: appearance.symbols)
            .draw(in: parts[1], into: &buffer)
        NodeHealthSection(node: node, appearance: appearance).draw(in: healthArea, into: &buffer)
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
    static func processRows(height: Int) -> Int {
        let room = height - 2
        let healthHeight = min(NodeHealthSection.lineCount + 1, max(2, room - 5))
        return max(1, room - healthHeight - 2)
    }
}
