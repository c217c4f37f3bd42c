/// The nodes table: one row per node, problem cells marked with `!` (and the problem style),
/// so they stand out without color.
struct NodeTableBuilder {
    let appearance: Appearance

    var columns: [TableColumn] {
        [
            TableColumn("Node", width: .flexible(min: 8, weight: 2)),
            TableColumn("State", width: .flexible(min: 4, weight: 2)),
            TableColumn("Procs", width: .fixed(10), alignment: .right, dropPriority: 3),
            TableColumn("RunQ", width: .fixed(5), alignment: .right),
            TableColumn("Memory", width: .fixed(9), alignment: .right, dropPriority: 2),
            TableColumn("Sched", width: .fixed(5), alignment: .right, dropPriority: 1),
            TableColumn("Queued", width: .fixed(7), alignment: .right),
            TableColumn("Scrape", width: .fixed(7), alignment: .right, dropPriority: 4),
        ]
    }

    func row(_ node: NodeRow) -> TableRow {
        let theme = appearance.theme
        guard case .up = node.status else {
            let reason: String
            if case .down(let text) = node.status { reason = text.isEmpty ? "down" : "down: " + text } else { reason = "down" }
            return TableRow([.text(node.name, style: theme.problem), .text(reason, style: theme.problem)])
        }
        let processes = HumanFormat.compact(Double(node.processCount)) + "/" + HumanFormat.compact(Double(node.processLimit))
        return TableRow([
            .text(node.name),
            node.problems.contains(.newSeries) ? .text("up, new series refused!", style: theme.problem) : .text("up", style: theme.good),
            mark(processes, node.problems.contains(.processes)),
            mark(HumanFormat.compact(Double(node.runQueue)), node.problems.contains(.runQueue)),
            mark(HumanFormat.bytes(node.memoryBytes), node.problems.contains(.memory)),
            mark(HumanFormat.percent(node.schedulerUtilization), node.problems.contains(.schedulers)),
            mark(HumanFormat.compact(Double(node.queuedTotal)), node.problems.contains(.queued)),
            mark(HumanFormat.milliseconds(node.scrapeMilliseconds), node.problems.contains(.scrape)),
        ])
    }

    /// A figure with a trailing `!` when it is a problem and a space otherwise, so digits stay aligned.
    private func mark(_ text: String, _ problem: Bool) -> TableCell {
        problem ? .text(text + "!", style: appearance.theme.problem) : .text(text + " ")
    }

    /// The table for `visibleRows` rows of `nodes` from `offset`, highlighting `selection` (an index into `nodes`).
    func table(_ nodes: [NodeRow], selection: Int?, offset: Int, visibleRows: Int) -> Table {
        let start = min(max(0, offset), nodes.count)
        return Table(columns: columns, rows: nodes[start..<min(nodes.count, start + max(0, visibleRows))].map(row),
              selectedRow: selection.map { $0 - start }, headerStyle: appearance.theme.tableHeader,
              selectedStyle: appearance.theme.selected, symbols: appearance.symbols)
    }
}

/// The node rows the nodes table shows: filtered by the `/` text, ordered by the sort mode.
struct NodeListing: Sendable {
    let rows: [NodeRow]

    init(_ nodes: [NodeRow], filter: String, sort: SortMode) {
        let matcher = TextFilter(filter)
        let matching = matcher.isEmpty ? nodes : nodes.filter { matcher.matches($0.name) }
        switch sort {
        case .rank: rows = matching
        case .queue, .growth: rows = Self.stableSorted(matching) { $0.queuedTotal > $1.queuedTotal }
        case .node: rows = Self.stableSorted(matching) { $0.name < $1.name }
        }
    }

    private static func stableSorted(_ rows: [NodeRow], by precedes: (NodeRow, NodeRow) -> Bool) -> [NodeRow] {
        rows.enumerated().sorted { lhs, rhs in
            if precedes(lhs.element, rhs.element) { return true }
            if precedes(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
