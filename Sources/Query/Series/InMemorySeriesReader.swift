public import TimeSeries

/// Series held in memory, for tests, `rules test` and benchmarks.
///
/// Series are kept in label order with a postings list per metric name, so a selector with a
/// metric name only looks at that metric's series.
public struct InMemorySeriesReader: SeriesReader {
    private let all: [StoredSeries]
    private let byMetricName: [String: [Int]]

    /// Holds the given series; their label sets should be distinct.
    public init(_ series: [StoredSeries]) {
        all = series.sorted { Labels.precedes($0.labels, $1.labels) }
        var postings: [String: [Int]] = [:]
        for (index, stored) in all.enumerated() { postings[stored.labels.name, default: []].append(index) }
        byMetricName = postings
    }

    public func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) -> [StoredSeries] {
        var remaining = matchers
        let candidates: [Int]
        if let postings = matchers.firstIndex(where: { $0.name == Labels.metricName && $0.kind == .equal }) {
            candidates = byMetricName[matchers[postings].value] ?? []
            remaining.remove(at: postings)
        } else {
            candidates = Array(all.indices)
        }
        // Label values repeat across series, so each regex runs once per distinct value.
        var verdicts = [[String: Bool]](repeating: [:], count: remaining.count)
        var found: [StoredSeries] = []
        found.reserveCapacity(candidates.count)
        candidates: for index in candidates {
            guard let first = all[index].timestamps.first, let last = all[index].timestamps.last,
                first <= through.milliseconds, last >= from.milliseconds
            else { continue }
            for (position, matcher) in remaining.enumerated() {
                let value = all[index].labels[matcher.name] ?? ""
                if matcher.kind == .equal || matcher.kind == .notEqual {
                    guard matcher.matches(value) else { continue candidates }
                } else if let known = verdicts[position][value] {
                    guard known else { continue candidates }
                } else {
                    let matches = matcher.matches(value)
                    verdicts[position][value] = matches
                    guard matches else { continue candidates }
                }
            }
            found.append(all[index])
        }
        return found
    }
}
