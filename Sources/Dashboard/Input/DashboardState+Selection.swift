extension DashboardState {
    /// Moves the selection of the list in focus for arrow, page and Home/End keys; false for other keys.
    mutating func moveSelection(with key: Key, context: SelectionContext) -> Bool {
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
        if case .node = mode {
            detailSelection = Self.clamp(detailSelection + delta, count: context.detailProcessCount)
            return true
        }
        switch focus {
        case .processes: processSelection = Self.clamp(processSelection + delta, count: context.processCount)
        case .nodes: nodeSelection = Self.clamp(nodeSelection + delta, count: context.nodeCount)
        case .alerts: alertSelection = Self.clamp(alertSelection + delta, count: context.alertCount)
        }
        return true
    }

    static func clamp(_ index: Int, count: Int) -> Int {
        max(0, min(index, count - 1))
    }
}
