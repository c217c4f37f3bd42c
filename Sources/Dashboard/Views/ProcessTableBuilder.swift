import TimeSeries

/// The processes table: columns and rows from `ProcessRow`s, shared by the fleet and node views.
struct ProcessTableBuilder {
    let appearance: Appearance
    /// False in the node view, where every row is on the same node.
    let showsNode: Bool

    var columns: [TableColumn] {
        var columns = [TableColumn("Process", width: .flexible(min: 10, weight: 3))]
        if showsNode { columns.append(TableColumn("Node", width: .flexible(min: 8, weight: 2))) }
        columns += [
            TableColumn("Queue", width: .fixed(9), alignment: .right),
            TableColumn("Growth", width: .fixed(7), alignment: .right),
            // The minute's peak explains the order of the ranking's calm third tier; it gives way
            // first, before the trend that shows the same peak as a bar. After the growth, so the
            // two figures that change every second sit together and are sent as one run.
            TableColumn("Peak 1m", width: .fixed(8), alignment: .right, dropPriority: 3),
            TableColumn("Trend", width: .flexible(min: 8, weight: 2), dropPriority: 2),
            TableColumn("Alert", width: .fixed(7), dropPriority: 1),
        ]
        return columns
    }

    func row(_ process: ProcessRow) -> TableRow {
        let theme = appearance.theme
        var cells: [TableCell] = [.text(process.process.displayName)]
        if showsNode { cells.append(.text(process.process.node)) }
        let growthStyle = process.growthPerSecond > 0 ? theme.warning : nil
        cells += [
            .text(HumanFormat.count(process.queueLength)),
            .text(HumanFormat.rate(process.growthPerSecond), style: growthStyle),
            .text(process.peakQueueLength.map(HumanFormat.count) ?? "", style: appearance.theme.muted),
            .sparkline(process.recent, style: theme.sparkline, span: process.recentSpan),
            alertCell(process.alertState),
        ]
        return TableRow(cells)
    }

    private func alertCell(_ state: AlertState) -> TableCell {
        switch state {
        case .inactive: .text("")
        case .pending: .text("pending", style: appearance.theme.warning)
        case .firing: .text("FIRING", style: appearance.theme.problem)
        }
    }

    /// The table for `listing`, with the selection highlighted only when the table has focus.
    func table(_ listing: ProcessListing, selection: Int?) -> Table {
        Table(columns: columns, rows: listing.rows.map(row), selectedRow: selection.map { $0 - listing.firstIndex },
              headerStyle: appearance.theme.tableHeader, selectedStyle: appearance.theme.selected, symbols: appearance.symbols)
    }
}

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
        let end = max(firstIndex, window.upperBound)
        // Model positions of the matching rows; nil means all of them (no pass needed).
        let matching: [Int]? = matcher.isEmpty && node == nil ? nil : processes.indices.filter { index in
            let process = processes[index].process
            return (node == nil || process.node == node) && matcher.matches(process)
        }
        total = matching?.count ?? processes.count
        let order: [Int]
        switch sort {
        case .rank:
            // The model is already in rank order: the window is a slice.
            let slice = firstIndex < min(end, total) ? firstIndex..<min(end, total) : 0..<0
            order = matching.map { Array($0[slice]) } ?? Array(slice)
            rows = order.map { processes[$0] }
            return
        case .queue:
            order = Self.largest(matching, of: processes, limit: end) { Double($0.queueLength) }
        case .growth:
            order = Self.largest(matching, of: processes, limit: end) { $0.growthPerSecond.isNaN ? -.infinity : $0.growthPerSecond }
        case .node:
            let candidates = matching ?? Array(processes.indices)
            order = TopSelection.first(candidates, limit: end) { lhs, rhs in
                let left = processes[lhs]
                let right = processes[rhs]
                if left.process.node != right.process.node { return left.process.node < right.process.node }
                return left.queueLength > right.queueLength
            }.map { candidates[$0] }
        }
        rows = order.dropFirst(firstIndex).map { processes[$0] }
    }

    /// Model positions of the `limit` candidates with the largest `key`.
    private static func largest(_ matching: [Int]?, of processes: [ProcessRow], limit: Int, key: (ProcessRow) -> Double) -> [Int] {
        let candidates = matching ?? Array(processes.indices)
        let keys = candidates.map { key(processes[$0]) }
        return TopSelection.largest(keys, limit: limit).map { candidates[$0] }
    }
}
