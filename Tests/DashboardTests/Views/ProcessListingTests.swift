import TestSupport
import Testing
@testable import Dashboard

/// The windowed top-K listing must agree with filtering and fully sorting the whole list.
@Suite struct ProcessListingTests {
    static func randomProcesses(count: Int, using generator: inout SplitMix64) -> [ProcessRow] {
        (0..<count).map { index in
            ProcessRow(process: ProcessIdentity(node: "node\(Int.random(in: 0..<9, using: &generator))", pid: "<0.\(index).0>",
                                                name: Bool.random(using: &generator) ? "worker_\(index)" : ""),
                       queueLength: Int.random(in: 0..<50, using: &generator),
                       growthPerSecond: Double(Int.random(in: -5...5, using: &generator)))
        }
    }

    static func expected(_ processes: [ProcessRow], filter: String, node: String?, sort: SortMode) -> [ProcessRow] {
        let matching = processes.enumerated().filter { _, row in
            let text = filter.lowercased()
            let names = [row.process.name, row.process.pid, row.process.node].map { $0.lowercased() }
            return (node == nil || row.process.node == node) && (text.isEmpty || names.contains { $0.contains(text) })
        }
        let sorted = matching.sorted { lhs, rhs in
            let (left, right) = (lhs.element, rhs.element)
            switch sort {
            case .rank: break
            case .queue: if left.queueLength != right.queueLength { return left.queueLength > right.queueLength }
            case .growth: if left.growthPerSecond != right.growthPerSecond { return left.growthPerSecond > right.growthPerSecond }
            case .node:
                if left.process.node != right.process.node { return left.process.node < right.process.node }
                if left.queueLength != right.queueLength { return left.queueLength > right.queueLength }
            }
            return lhs.offset < rhs.offset
        }
        return sorted.map(\.element)
    }

    @Test(arguments: SortMode.allCases)
    func windowsMatchAFullSort(sort: SortMode) {
        var generator = SplitMix64(seed: 5)
        let processes = Self.randomProcesses(count: 2000, using: &generator)
        for (filter, node) in [("", nil), ("WORKER_1", nil), ("", "node3"), ("7", "node2")] as [(String, String?)] {
            let all = Self.expected(processes, filter: filter, node: node, sort: sort)
            for window in [0..<25, 40..<70, (all.count - 5)..<(all.count + 5)] {
                let listing = ProcessListing(processes, filter: filter, node: node, sort: sort, window: window)
                #expect(listing.total == all.count)
                let wanted = Array(all[min(window.lowerBound, all.count)..<min(window.upperBound, all.count)])
                #expect(listing.rows == wanted, "\(sort) \(filter) \(node ?? "-") \(window)")
            }
        }
    }
}
