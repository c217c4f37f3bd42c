import TimeSeries

/// For each label name and value, the positions of the series that have it, ascending: a
/// selector such as `{job="chat_7"}` reads 10,000 positions instead of testing a million
/// label sets.
struct PostingsIndex: Sendable {
    private let postings: [String: [String: [Int32]]]
    /// Each series' metric name as a number, so `__name__="x"` with other matchers is a check
    /// per candidate rather than an intersection with the metric's million positions.
    private let nameNumbers: [Int32]
    private let numberOfName: [String: Int32]
    let seriesCount: Int

    /// Indexes label sets given in the order their positions refer to.
    init(_ labelSets: [Labels]) {
        var postings: [String: [String: [Int32]]] = [:]
        var numberOfName: [String: Int32] = [:]
        var nameNumbers: [Int32] = []
        nameNumbers.reserveCapacity(labelSets.count)
        for (position, labels) in labelSets.enumerated() {
            for label in labels { postings[label.name, default: [:]][label.value, default: []].append(Int32(position)) }
            let name = labels.name
            let number = numberOfName[name] ?? Int32(numberOfName.count)
            numberOfName[name] = number
            nameNumbers.append(number)
        }
        self.postings = postings
        self.nameNumbers = nameNumbers
        self.numberOfName = numberOfName
        seriesCount = labelSets.count
    }

    /// The positions of the series every matcher accepts, ascending. Matchers that accept a
    /// missing label (`!=`, `!~`, `=~".*"`) remove the series whose value they reject; the
    /// others select through their postings. Each regex runs once per distinct label value.
    func positions(matching matchers: [LabelMatcher]) -> [Int32] {
        var selections: [[Int32]] = []
        var exclusions: [[Int32]] = []
        var metric: (number: Int32, positions: [Int32])?
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
                if matcher.name == Labels.metricName, matcher.kind == .equal, metric == nil,
                    let number = numberOfName[matcher.value]
                {
                    metric = (number, selected)
                } else {
                    selections.append(selected)
                }
            } else if matcher.kind == .notEqual {
                if let rejected = values[matcher.value] { exclusions.append(rejected) }
            } else {
                exclusions += values.compactMap { matcher.matches($0.key) ? nil : $0.value }
            }
        }
        var result: [Int32]
        if selections.isEmpty {
            result = metric?.positions ?? Array(0..<Int32(seriesCount))
        } else {
            selections.sort { $0.count < $1.count }
            result = selections[0]
            for other in selections.dropFirst() {
                result = SortedLists.intersect(result, other)
                if result.isEmpty { return [] }
            }
            if let metric, let first = metric.positions.first, let last = metric.positions.last {
                if Int(last - first) + 1 == metric.positions.count {
                    // A metric's series are usually adjacent (label order starts with the
                    // name), so membership is a range check, without touching memory.
                    result = result.filter { $0 >= first && $0 <= last }
                } else if metric.positions.count > 16 * result.count {
                    // Checking each candidate's name beats intersecting with a metric's million
                    // positions when the candidates are few.
                    result = result.filter { nameNumbers[Int($0)] == metric.number }
                } else {
                    result = SortedLists.intersect(result, metric.positions)
                }
            }
        }
        if !exclusions.isEmpty { result = SortedLists.subtract(result, union(exclusions)) }
        return result
    }

    /// The union of ascending lists, ascending: merged pairwise when there are few, through a
    /// bitmap when a regex picked many values of a label.
    private func union(_ lists: [[Int32]]) -> [Int32] {
        guard lists.count > 1 else { return lists.first ?? [] }
        let total = lists.reduce(0) { $0 + $1.count }
        if lists.count <= 8 || total < seriesCount / 64 {
            var merged = lists[0]
            for list in lists.dropFirst() { merged = PostingsIndex.merge(merged, list) }
            return merged
        }
        var marked = [Bool](repeating: false, count: seriesCount)
        for list in lists { for position in list { marked[Int(position)] = true } }
        var out: [Int32] = []
        out.reserveCapacity(total)
        for position in marked.indices where marked[position] { out.append(Int32(position)) }
        return out
    }

    static func merge(_ left: [Int32], _ right: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(left.count + right.count)
        var (i, j) = (0, 0)
        while i < left.count || j < right.count {
            if j == right.count || (i < left.count && left[i] < right[j]) {
                out.append(left[i])
                i += 1
            } else {
                if i < left.count, left[i] == right[j] { i += 1 }
                out.append(right[j])
                j += 1
            }
        }
        return out
    }
}
