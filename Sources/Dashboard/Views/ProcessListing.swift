/// The process rows a view shows: the model's list filtered by the `/` text (and by node in
/// the node view), ordered by the sort mode, cut to the window on screen.
struct ProcessListing: Sendable {
    /// Rows in the window, in display order.
    let rows: [ProcessRow]
    /// How many rows match in all, for the title and for clamping the selection.
    let total: Int
    /// Display index of `rows[0]`.
    let firstIndex: Int

    /// The rows at display positions `window` of the list `processes` filtered and sorted.
    init(_ processes: [ProcessRow], filter: String, node: String?, sort: SortMode, window: Range<Int>) {
        let matcher = TextFilter(filter)
        firstIndex = max(0, window.lowerBound)
        if matcher.isEmpty, node == nil, sort == .rank {
            // The common case needs no pass over the whole list: the model is already in rank order.
            total = processes.count
            let end = min(processes.count, max(firstIndex, window.upperBound))
            rows = firstIndex < end ? Array(processes[firstIndex..<end]) : []
            return
        }
        let include: (ProcessRow) -> Bool = { row in
            (node == nil || row.process.node == node) && matcher.matches(row.process)
        }
        let top = TopSelection.indices(of: processes, where: include, limit: max(0, window.upperBound),
                                       by: Self.ordering(sort))
        total = top.matched
        rows = top.indices.dropFirst(firstIndex).map { processes[$0] }
    }

    /// "Comes before" for each sort mode; rank keeps the model's order (nothing precedes anything).
    static func ordering(_ sort: SortMode) -> (ProcessRow, ProcessRow) -> Bool {
        switch sort {
        case .rank: { _, _ in false }
        case .queue: { $0.queueLength > $1.queueLength }
        case .growth: { $0.growthPerSecond > $1.growthPerSecond }
        case .node: { $0.process.node != $1.process.node ? $0.process.node < $1.process.node : $0.queueLength > $1.queueLength }
        }
    }
}
