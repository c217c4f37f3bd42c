internal import TimeSeries

/// The writer's inverted index in memory: label name → value → slot positions, so the rule
/// engine's matchers resolve without a query.
///
/// Lists hold slot positions, not series ids, so a hit needs no id → slot lookup; positions are
/// reused by the free list, so an insert keeps each list sorted by binary search (new series
/// usually take the largest position, which is an append).
struct MemoryPostings {
    private var byName: [String: [String: [Int]]] = [:]
    /// Every position in use, sorted: what a query with only widening matchers starts from.
    private(set) var all: [Int] = []

    mutating func insert(_ labels: Labels, at position: Int) {
        Self.insert(position, into: &all)
        for label in labels { Self.insert(position, into: &byName[label.name, default: [:]][label.value, default: []]) }
    }

    mutating func remove(_ labels: Labels, at position: Int) {
        Self.remove(position, from: &all)
        // In place: a copy of the pid name's values, or of a job's list, would copy one entry per
        // series held for each series that leaves.
        for label in labels where byName[label.name]?[label.value] != nil {
            Self.remove(position, from: &byName[label.name, default: [:]][label.value, default: []])
            guard byName[label.name]?[label.value]?.isEmpty == true else { continue }
            byName[label.name]?[label.value] = nil
            if byName[label.name]?.isEmpty == true { byName[label.name] = nil }
        }
    }

    /// Whether any series in memory has this label pair.
    func holds(_ label: Label) -> Bool { byName[label.name]?[label.value] != nil }

    /// The positions of the series matching every matcher, sorted; the same rules as `PostingsReader`.
    func positions(matching matchers: [LabelMatcher]) -> [Int] {
        var result: [Int]?
        // Equality first: one list, the cheapest way to shrink the set.
        for matcher in matchers.filter({ !$0.matchesEmpty }).sorted(by: { ($0.kind == .equal ? 0 : 1) < ($1.kind == .equal ? 0 : 1) }) {
            let accepted = postings(of: matcher.name, where: matcher.matches, exact: matcher.kind == .equal ? matcher.value : nil)
            result = result.map { SortedLists.intersect($0, accepted) } ?? accepted
            if result?.isEmpty == true { return [] }
        }
        var found = result ?? all
        for matcher in matchers where matcher.matchesEmpty {
            found = SortedLists.subtract(found, postings(of: matcher.name, where: { !matcher.matches($0) }, exact: nil))
        }
        return found
    }

    private func postings(of name: String, where accepts: (String) -> Bool, exact: String?) -> [Int] {
        guard let values = byName[name] else { return [] }
        if let exact { return values[exact] ?? [] }
        let lists = values.compactMap { accepts($0.key) ? $0.value : nil }
        return SortedLists.union(lists)
    }

    private static func insert(_ position: Int, into list: inout [Int]) {
        if let last = list.last, last >= position {
            let at = SortedLists.lowerBound(position, in: list)
            if at < list.count, list[at] == position { return }
            list.insert(position, at: at)
        } else {
            list.append(position)
        }
    }

    private static func remove(_ position: Int, from list: inout [Int]) {
        let at = SortedLists.lowerBound(position, in: list)
        if at < list.count, list[at] == position { list.remove(at: at) }
    }
}
