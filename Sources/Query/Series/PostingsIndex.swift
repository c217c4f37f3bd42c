import TimeSeries

/// For each label name and value, the positions of the series that have it, ascending: a
/// selector such as `{job="chat_7"}` reads 10,000 positions instead of testing a million
/// label sets.
struct PostingsIndex: Sendable {
    private let postings: [String: [String: [Int32]]]
    let seriesCount: Int

    /// Indexes label sets given in the order their positions refer to.
    init(_ labelSets: [Labels]) {
        var postings: [String: [String: [Int32]]] = [:]
        for (position, labels) in labelSets.enumerated() {
            for label in labels { postings[label.name, default: [:]][label.value, default: []].append(Int32(position)) }
        }
        self.postings = postings
        seriesCount = labelSets.count
    }

    /// The positions of the series every matcher accepts, ascending. Matchers that accept a
    /// missing label (`!=`, `!~`, `=~".*"`) remove the series whose value they reject; the
    /// others select through their postings. Each regex runs once per distinct label value.
    func positions(matching matchers: [LabelMatcher]) -> [Int32] {
        var selections: [[Int32]] = []
        var exclusions: [[Int32]] = []
        for matcher in matchers {
            let values = postings[matcher.name] ?? [:]
            if !matcher.matchesEmpty {
                let selected: [Int32]
                if matcher.kind == .equal {
                    selected = values[matcher.value] ?? []
                } else {
                    selected = union(values.compactMap { matcher.matches($0.key) ? $0.value : nil })
                }
                if selected.isEmpty { return [] }
                selections.append(selected)
            } else if matcher.kind == .notEqual {
                if let rejected = values[matcher.value] { exclusions.append(rejected) }
            } else {
                exclusions += values.compactMap { matcher.matches($0.key) ? nil : $0.value }
            }
        }
        var result: [Int32]
        if selections.isEmpty {
            result = Array(0..<Int32(seriesCount))
        } else {
            selections.sort { $0.count < $1.count }
            result = selections[0]
            for other in selections.dropFirst() {
                result = PostingsIndex.intersect(result, other)
                if result.isEmpty { return [] }
            }
        }
        if !exclusions.isEmpty { result = PostingsIndex.subtract(result, union(exclusions)) }
        return result
    }

    /// The union of ascending lists, ascending. Many lists (a regex over a label with many
    /// values) are merged through a bitmap rather than pairwise.
    private func union(_ lists: [[Int32]]) -> [Int32] {
        guard lists.count > 1 else { return lists.first ?? [] }
        var marked = [Bool](repeating: false, count: seriesCount)
        var total = 0
        for list in lists {
            total += list.count
            for position in list { marked[Int(position)] = true }
        }
        var out: [Int32] = []
        out.reserveCapacity(total)
        for position in marked.indices where marked[position] { out.append(Int32(position)) }
        return out
    }

    static func intersect(_ small: [Int32], _ large: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(min(small.count, large.count))
        var low = 0
        for position in small {
            // Gallop, then binary-search the last stride: postings lists of very different
            // lengths are the common case ({job=…} within a metric's million series).
            var step = 1
            var high = low
            while high < large.count, large[high] < position {
                low = high + 1
                high += step
                step *= 2
            }
            high = min(high, large.count - 1)
            while low < high {
                let middle = (low + high) / 2
                if large[middle] < position { low = middle + 1 } else { high = middle }
            }
            if low >= large.count { break }
            if large[low] == position { out.append(position) }
        }
        return out
    }

    static func subtract(_ list: [Int32], _ removed: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(list.count)
        var other = 0
        for position in list {
            while other < removed.count, removed[other] < position { other += 1 }
            if other < removed.count, removed[other] == position { continue }
            out.append(position)
        }
        return out
    }
}
