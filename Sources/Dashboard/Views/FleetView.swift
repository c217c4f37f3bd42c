/// The main screen: fleet header, the next bottleneck, top processes, nodes and alerts, laid out
/// to fit (see `FleetLayout`); below the minimum size, a short message instead.
public struct FleetView: Sendable {
    public var model: DashboardModel
    public var state: DashboardState
    public var appearance: Appearance

    public init(model: DashboardModel, state: DashboardState, appearance: Appearance = .standard) {
        self.model = model
        self.state = state
        self.appearance = appearance
    }

    public func draw(in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area)
        let nodes = NodeListing(model.nodes, filter: state.filter, sort: state.sort).rows
        // Only the layout's wish for rows needs the count: a screenful is plenty.
        let processCount = ProcessListing(model.processes, filter: state.filter, node: nil, sort: .rank,
                                          window: 0..<min(area.height, 1)).total
        guard let layout = FleetLayout(area: area, processCount: processCount, nodeCount: nodes.count,
                                       alertCount: model.alerts.count) else {
            MinimalView(model: model, paused: state.paused, appearance: appearance).draw(in: area, into: &buffer)
            return
        }
        HeaderBar(header: model.header, paused: state.paused, sort: state.sort, appearance: appearance)
            .draw(in: layout.header, into: &buffer)
        BottleneckSection(bottleneck: model.bottleneck, appearance: appearance).draw(in: layout.bottleneck, into: &buffer)
        drawProcesses(in: layout.processes, rows: layout.processRows, into: &buffer)
        drawNodes(nodes, in: layout.nodes, rows: layout.nodeRows, into: &buffer)
        drawAlerts(in: layout.alerts, rows: layout.alertRows, into: &buffer)
        FooterBar(state: state, appearance: appearance).draw(in: layout.footer, into: &buffer)
    }

    /// A `width`×`height` buffer with this view drawn in it.
    public func render(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        draw(in: buffer.area, into: &buffer)
        return buffer
    }

    /// What the reducer needs to move selections on a `width`×`height` screen.
    public func selectionContext(width: Int, height: Int) -> SelectionContext {
        let nodes = NodeListing(model.nodes, filter: state.filter, sort: state.sort).rows
        let selected = ProcessListing(model.processes, filter: state.filter, node: nil, sort: state.sort,
                                      window: state.processSelection..<(state.processSelection + 1))
        let layout = FleetLayout(area: Rect(x: 0, y: 0, width: width, height: height), processCount: selected.total,
                                 nodeCount: nodes.count, alertCount: model.alerts.count)
        let pageSize = switch state.focus {
        case .processes: layout?.processRows
        case .nodes: layout?.nodeRows
        case .alerts: layout?.alertRows
        }
        let nodeIndex = DashboardState.clamp(state.nodeSelection, count: nodes.count)
        return SelectionContext(
            processCount: selected.total, nodeCount: nodes.count, alertCount: model.alerts.count,
            pageSize: max(1, pageSize ?? 1), selectedNodeName: nodes.indices.contains(nodeIndex) ? nodes[nodeIndex].name : nil,
            selectedProcess: selected.rows.first?.process
        )
    }

    private func drawProcesses(in area: Rect, rows: Int, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        var selection = max(0, state.processSelection)
        var listing = listing(selection: selection, rows: rows)
        if selection >= listing.total, listing.total > 0 {
            // The list got shorter than the selection (new model, or a filter): show its end.
            selection = listing.total - 1
            listing = self.listing(selection: selection, rows: rows)
        }
        var title = "Processes (\(HumanFormat.count(listing.total)))"
        if state.sort != .rank { title += " by \(state.sort.rawValue)" }
        if !state.filter.isEmpty { title += " matching \"\(state.filter)\"" }
        let inner = panel(title, focus: .processes).draw(in: area, into: &buffer)
        let focused = state.focus == .processes
        ProcessTableBuilder(appearance: appearance, showsNode: true)
            .table(listing, selection: focused ? selection : nil)
            .draw(in: inner, into: &buffer)
    }

    /// The window of processes that keeps `selection` on screen.
    private func listing(selection: Int, rows: Int) -> ProcessListing {
        let offset = Table.offset(keeping: selection, visibleRows: rows)
        return ProcessListing(model.processes, filter: state.filter, node: nil, sort: state.sort, window: offset..<(offset + rows))
    }

    private func drawNodes(_ nodes: [NodeRow], in area: Rect, rows: Int, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let down = nodes.count { !$0.status.isUp }
        let title = "Nodes (\(nodes.count)" + (down > 0 ? ", \(down) down)" : ")")
        let inner = panel(title, focus: .nodes).draw(in: area, into: &buffer)
        let selection = DashboardState.clamp(state.nodeSelection, count: nodes.count)
        NodeTableBuilder(appearance: appearance)
            .table(nodes, selection: state.focus == .nodes ? selection : nil,
                   offset: Table.offset(keeping: selection, visibleRows: rows), visibleRows: rows)
            .draw(in: inner, into: &buffer)
    }

    private func drawAlerts(in area: Rect, rows: Int, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let inner = panel("Alerts (\(model.alerts.count))", focus: .alerts).draw(in: area, into: &buffer)
        let selection = DashboardState.clamp(state.alertSelection, count: model.alerts.count)
        AlertTableBuilder(appearance: appearance)
            .table(model.alerts, selection: state.focus == .alerts ? selection : nil,
                   offset: Table.offset(keeping: selection, visibleRows: rows), visibleRows: rows)
            .draw(in: inner, into: &buffer)
    }

    /// A section panel whose title is reversed while its table has the focus.
    private func panel(_ title: String, focus: DashboardFocus) -> Panel {
        let style = state.focus == focus ? appearance.theme.title.adding(.reverse) : appearance.theme.title
        return Panel(title: title, borders: .top, borderStyle: appearance.theme.border, titleStyle: style, symbols: appearance.symbols)
    }
}
