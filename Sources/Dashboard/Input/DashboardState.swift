/// What the user has done to the dashboard: where the selection is, the filter, the sort, the
/// view, pause and help. Changed only by `DashboardState.reduce`, so every key can be tested
/// without a terminal.
public struct DashboardState: Hashable, Sendable {
    public var mode: DashboardMode
    public var focus: DashboardFocus
    /// Row index into the filtered, sorted process list.
    public var processSelection: Int
    public var nodeSelection: Int
    public var alertSelection: Int
    /// Row index into the node detail view's process list.
    public var detailSelection: Int
    /// Case-insensitive text that process and node names must contain; empty shows everything.
    public var filter: String
    /// True while `/` has the filter prompt open and typing goes into it.
    public var isEditingFilter: Bool
    public var sort: SortMode
    /// True when the user froze the screen (`p`); the program keeps the last model while paused.
    public var paused: Bool
    public var showsHelp: Bool

    public init(mode: DashboardMode = .fleet, focus: DashboardFocus = .processes, processSelection: Int = 0,
                nodeSelection: Int = 0, alertSelection: Int = 0, detailSelection: Int = 0, filter: String = "",
                isEditingFilter: Bool = false, sort: SortMode = .rank, paused: Bool = false, showsHelp: Bool = false) {
        self.mode = mode
        self.focus = focus
        self.processSelection = processSelection
        self.nodeSelection = nodeSelection
        self.alertSelection = alertSelection
        self.detailSelection = detailSelection
        self.filter = filter
        self.isEditingFilter = isEditingFilter
        self.sort = sort
        self.paused = paused
        self.showsHelp = showsHelp
    }
}

/// Which view fills the screen.
public enum DashboardMode: Hashable, Sendable {
    case fleet
    /// One node's processes and health history (Enter on a node).
    case node(String)
    /// One process: its queue, the evidence from its node and its stack (Enter on a process);
    /// opened from the node view named, or from the fleet view when nil.
    case process(ProcessIdentity, fromNode: String?)

    /// The view Esc goes back to.
    var parent: DashboardMode {
        if case .process(_, let node?) = self { return .node(node) }
        return .fleet
    }
}

/// Which table of the fleet view the arrow keys move the selection in.
public enum DashboardFocus: String, Hashable, Sendable, CaseIterable {
    case processes
    case nodes
    case alerts
}

/// How the process lists are ordered; `s` cycles through them in this order.
public enum SortMode: String, Hashable, Sendable, CaseIterable {
    /// The agent's next-bottleneck ranking (the model's order).
    case rank
    /// Longest queue first.
    case queue
    /// Fastest growing first.
    case growth
    /// By node name, then longest queue first.
    case node

    /// The mode after this one, wrapping around.
    public var next: SortMode {
        let all = SortMode.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// What the reducer needs to know about the screen to move a selection: how many rows each list
/// has after filtering, how many rows a page is, and what the current selections point at.
public struct SelectionContext: Hashable, Sendable {
    public var processCount: Int
    public var nodeCount: Int
    public var alertCount: Int
    /// Processes listed in the node detail view.
    public var detailProcessCount: Int
    /// Rows PgUp/PgDn move by.
    public var pageSize: Int
    /// The node under the node selection (Enter opens it).
    public var selectedNodeName: String?
    /// The process under the fleet view's process selection (Enter opens it).
    public var selectedProcess: ProcessIdentity?
    /// The process under the node view's selection (Enter opens it).
    public var selectedDetailProcess: ProcessIdentity?

    public init(processCount: Int = 0, nodeCount: Int = 0, alertCount: Int = 0, detailProcessCount: Int = 0, pageSize: Int = 10,
                selectedNodeName: String? = nil, selectedProcess: ProcessIdentity? = nil,
                selectedDetailProcess: ProcessIdentity? = nil) {
        self.processCount = processCount
        self.nodeCount = nodeCount
        self.alertCount = alertCount
        self.detailProcessCount = detailProcessCount
        self.pageSize = pageSize
        self.selectedNodeName = selectedNodeName
        self.selectedProcess = selectedProcess
        self.selectedDetailProcess = selectedDetailProcess
    }
}

/// What a key asks of the program around the reducer, beyond the new state.
public enum DashboardEffect: Hashable, Sendable {
    /// Leave the dashboard (restore the terminal and exit).
    case quit
    /// Redraw the whole screen, in case something else drew on it.
    case redraw
}

extension DashboardState {
    /// The state after `key`, and what the program should do besides redrawing.
    ///
    /// Ctrl-C quits from anywhere. While help is showing, any other key closes it. While the
    /// filter prompt is open, printable keys edit the filter (Enter keeps it, Esc clears it).
    /// Otherwise: `q` quit, `/` filter, `s` sort, `p` pause, `?` help, Tab/←/→ focus (← and
    /// Backspace leave the node or process view), arrows, PgUp/PgDn, Home/End move the selection,
    /// Enter opens the selected process or node, `n` opens an open process's node, Esc goes back
    /// or clears the filter, `r` or Ctrl-L redraws.
    public static func reduce(_ state: DashboardState, _ key: Key, context: SelectionContext)
        -> (state: DashboardState, effects: [DashboardEffect]) {
        var next = state
        if key == .interrupt { return (next, [.quit]) }
        if next.showsHelp {
            next.showsHelp = false
            return (next, [])
        }
        if next.isEditingFilter, next.editFilter(with: key) { return (next, []) }
        if next.moveSelection(with: key, context: context) { return (next, []) }
        return next.applyCommand(key, context: context)
    }

    /// Handles a key meant for the filter prompt; false when the key is not for it (arrows).
    private mutating func editFilter(with key: Key) -> Bool {
        switch key {
        case .character(let character):
            filter.append(character)
        case .backspace:
            if !filter.isEmpty { filter.removeLast() }
        case .control("u"):
            filter = ""
        case .enter:
            isEditingFilter = false
            return true
        case .escape:
            filter = ""
            isEditingFilter = false
        default:
            return false
        }
        // The filtered lists changed under the selection: start again from the top.
        resetSelections()
        return true
    }

    private mutating func applyCommand(_ key: Key, context: SelectionContext) -> (state: DashboardState, effects: [DashboardEffect]) {
        switch key {
        case .character("q"):
            return (self, [.quit])
        case .character("/"):
            isEditingFilter = true
        case .character("s"):
            sort = sort.next
            processSelection = 0
            detailSelection = 0
        case .character("p"), .character(" "):
            paused.toggle()
        case .character("?"):
            showsHelp = true
        case .character("r"), .control("l"):
            return (self, [.redraw])
        case .tab, .right:
            if mode == .fleet { focus = nextFocus(after: focus, step: 1, context: context) }
        case .backTab:
            if mode == .fleet { focus = nextFocus(after: focus, step: -1, context: context) }
        case .left:
            if mode == .fleet { focus = nextFocus(after: focus, step: -1, context: context) } else { mode = mode.parent }
        case .backspace:
            mode = mode.parent
        case .enter:
            openSelection(context: context)
        case .character("n"):
            if case .process(let process, _) = mode {
                mode = .node(process.node)
                detailSelection = 0
            }
        case .escape:
            if mode != .fleet {
                mode = mode.parent
            } else if !filter.isEmpty {
                filter = ""
                resetSelections()
            }
        default:
            break
        }
        return (self, [])
    }

    /// Enter: the process under the selection opens the process view, the node under it the node view.
    private mutating func openSelection(context: SelectionContext) {
        switch mode {
        case .fleet:
            switch focus {
            case .processes:
                if let process = context.selectedProcess { mode = .process(process, fromNode: nil) }
            case .nodes:
                if let node = context.selectedNodeName {
                    mode = .node(node)
                    detailSelection = 0
                }
            case .alerts:
                break
            }
        case .node(let node):
            if let process = context.selectedDetailProcess { mode = .process(process, fromNode: node) }
        case .process:
            break
        }
    }

    /// Focus moves over the tables on screen; the alerts table is skipped when there are none.
    private func nextFocus(after current: DashboardFocus, step: Int, context: SelectionContext) -> DashboardFocus {
        let order: [DashboardFocus] = context.alertCount > 0 ? [.processes, .nodes, .alerts] : [.processes, .nodes]
        let index = order.firstIndex(of: current) ?? 0
        return order[(index + step + order.count) % order.count]
    }

    private mutating func resetSelections() {
        processSelection = 0
        nodeSelection = 0
        detailSelection = 0
    }
}

extension DashboardState {
    /// Moves the selection of the list in focus for arrow, page and Home/End keys; false for other keys.
    private mutating func moveSelection(with key: Key, context: SelectionContext) -> Bool {
        let page = max(1, context.pageSize)
        let delta: Int
        switch key {
        case .up: delta = -1
        case .down: delta = 1
        case .pageUp: delta = -page
        case .pageDown: delta = page
        case .home: delta = Int.min / 2
        case .end: delta = Int.max / 2
        default: return false
        }
        switch mode {
        case .node:
            detailSelection = Self.clamp(detailSelection + delta, count: context.detailProcessCount)
            return true
        case .process:
            // One process fills the screen: there is nothing to move through.
            return true
        case .fleet:
            break
        }
        switch focus {
        case .processes: processSelection = Self.clamp(processSelection + delta, count: context.processCount)
        case .nodes: nodeSelection = Self.clamp(nodeSelection + delta, count: context.nodeCount)
        case .alerts: alertSelection = Self.clamp(alertSelection + delta, count: context.alertCount)
        }
        return true
    }

    /// `index` kept within a list of `count` rows (0 for an empty one).
    static func clamp(_ index: Int, count: Int) -> Int {
        max(0, min(index, count - 1))
    }
}
