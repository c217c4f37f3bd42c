/// The whole dashboard for a state: the fleet or node view, with the help overlay on top when
/// asked for. This is what `backlog watch` draws each frame, and what tells the reducer about it.
public struct DashboardScreen: Sendable {
    public var model: DashboardModel
    public var state: DashboardState
    public var appearance: Appearance

    public init(model: DashboardModel, state: DashboardState, appearance: Appearance = .standard) {
        self.model = model
        self.state = state
        self.appearance = appearance
    }

    /// The key bindings the help overlay lists.
    public static let keyBindings: [(key: String, action: String)] = [
        ("Up Down PgUp PgDn", "move the selection"),
        ("Home End", "first / last row"),
        ("Tab Left Right", "switch table"),
        ("Enter", "open the selected process or node"),
        ("n", "open the open process's node"),
        ("Esc", "back, or clear the filter"),
        ("/", "filter processes and nodes"),
        ("s", "sort: rank, queue, growth, node"),
        ("p", "pause / resume"),
        ("r", "redraw the screen"),
        ("?", "this help"),
        ("q  Ctrl-C", "quit"),
    ]

    public func draw(in area: Rect, into buffer: inout Buffer) {
        switch state.mode {
        case .fleet:
            FleetView(model: model, state: state, appearance: appearance).draw(in: area, into: &buffer)
        case .node(let name):
            NodeDetailView(model: model, state: state, nodeName: name, appearance: appearance).draw(in: area, into: &buffer)
        case .process(let process, _):
            ProcessDetailView(model: model, state: state, process: process, appearance: appearance).draw(in: area, into: &buffer)
        }
        if state.showsHelp {
            HelpOverlay(title: "Keys", entries: Self.keyBindings, symbols: appearance.symbols, borderStyle: appearance.theme.border,
                        keyStyle: appearance.theme.title)
                .draw(in: area, into: &buffer)
        }
    }

    /// A `width`×`height` buffer with the screen drawn in it.
    public func render(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        draw(in: buffer.area, into: &buffer)
        return buffer
    }

    /// What `DashboardState.reduce` needs to know about this screen at `width`×`height`.
    public func selectionContext(width: Int, height: Int) -> SelectionContext {
        var context = FleetView(model: model, state: state, appearance: appearance).selectionContext(width: width, height: height)
        if case .node(let name) = state.mode {
            let detail = NodeDetailView(model: model, state: state, nodeName: name, appearance: appearance)
            let rows = detail.processRows(height: height)
            let selected = ProcessListing(model.processes, filter: state.filter, node: name, sort: state.sort,
                                          window: state.detailSelection..<(state.detailSelection + 1))
            context.detailProcessCount = selected.total
            context.selectedDetailProcess = selected.rows.first?.process
            context.pageSize = rows
        }
        return context
    }
}
