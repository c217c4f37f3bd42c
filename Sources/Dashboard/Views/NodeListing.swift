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
