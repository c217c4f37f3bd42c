extension DashboardState {
    /// The state after `key`, and what the program should do besides redrawing.
    ///
    /// Ctrl-C quits from anywhere. While help is showing, any other key closes it. While the
    /// filter prompt is open, printable keys edit the filter (Enter keeps it, Esc clears it).
    /// Otherwise: `q` quit, `/` filter, `s` sort, `p` pause, `?` help, Tab/←/→ focus (← and
    /// Backspace leave the node view), arrows,
    /// PgUp/PgDn, Home/End move the selection, Enter opens a node, Esc goes back or clears the
    /// filter, `r` or Ctrl-L redraws.
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
            if mode == .fleet { focus = nextFocus(after: focus, step: -1, context: context) } else { mode = .fleet }
        case .backspace:
            mode = .fleet
        case .enter:
            openNode(context: context)
        case .escape:
            if mode != .fleet {
                mode = .fleet
            } else if !filter.isEmpty {
                filter = ""
                resetSelections()
            }
        default:
            break
        }
        return (self, [])
    }

    private mutating func openNode(context: SelectionContext) {
        guard mode == .fleet else { return }
        let node = switch focus {
        case .nodes: context.selectedNodeName
        case .processes: context.selectedProcessNode
        case .alerts: String?.none
        }
        guard let node else { return }
        mode = .node(node)
        detailSelection = 0
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
