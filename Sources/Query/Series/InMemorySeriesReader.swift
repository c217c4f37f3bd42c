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
        let candidates: [Int]
        if let name = matchers.first(where: { $0.name == Labels.metricName && $0.kind == .equal }) {
            candidates = byMetricName[name.value] ?? []
        } else {
            candidates = Array(all.indices)
        }
        // Label values repeat across series, so each regex runs once per distinct value.
        var verdicts = [[String: Bool]](repeating: [:], count: matchers.count)
        return candidates.compactMap { index -> StoredSeries? in
            let stored = all[index]
            guard let first = stored.timestamps.first, let last = stored.timestamps.last,
                first <= through.milliseconds, last >= from.milliseconds
            else { return nil }
            for (position, matcher) in matchers.enumerated() {
                let value = stored.labels[matcher.name] ?? ""
                let matches: Bool
                if matcher.kind == .equal || matcher.kind == .notEqual {
                    matches = matcher.matches(value)
                } else if let known = verdicts[position][value] {
                    matches = known
                } else {
                    matches = matcher.matches(value)
                    verdicts[position][value] = matches
                }
                guard matches else { return nil }
            }
            return stored
        }
    }
}
