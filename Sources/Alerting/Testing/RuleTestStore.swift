import Query
import TimeSeries

/// The series a rule test runs over: its input series, and what the rules wrote at each
/// evaluation step (recorded series, `ALERTS`, staleness markers), as promtool's storage holds.
struct RuleTestStore: SeriesReader {
    private let input: InMemorySeriesReader
    private var written: [Labels: (timestamps: [Int64], values: [Double])] = [:]

    init(_ series: [RuleTestFile.InputSeries], interval: PromDuration) {
        var stored: [Labels: (timestamps: [Int64], values: [Double])] = [:]
        for series in series {
            var entry = stored[series.labels] ?? ([], [])
            for (step, value) in series.values.enumerated() {
                guard let value else { continue }
                entry.timestamps.append(Int64(step) * interval.milliseconds)
                entry.values.append(value)
            }
            stored[series.labels] = entry
        }
        input = InMemorySeriesReader(
            stored.filter { !$0.value.timestamps.isEmpty }.map { StoredSeries(labels: $0.key, timestamps: $0.value.timestamps, values: $0.value.values) })
    }

    mutating func append(_ samples: [Sample]) {
        for sample in samples {
            guard let time = sample.timestamp else { continue }
            written[sample.labels, default: ([], [])].timestamps.append(time.milliseconds)
            written[sample.labels, default: ([], [])].values.append(sample.value)
        }
    }

    func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        var found = input.series(matching: matchers, from: from, through: through)
        guard !written.isEmpty else { return found }
        for (labels, samples) in written where matchers.allSatisfy({ $0.matches(labels) }) {
            if let index = found.firstIndex(where: { $0.labels == labels }) {
                // An input series the rules also write: merge the samples in time order.
                let old = found[index]
                let merged = zip(old.timestamps + samples.timestamps, old.values + samples.values).sorted { $0.0 < $1.0 }
                found[index] = StoredSeries(labels: labels, timestamps: merged.map(\.0), values: merged.map(\.1))
            } else {
                found.append(StoredSeries(labels: labels, timestamps: samples.timestamps, values: samples.values))
            }
        }
        return found.sorted { Labels.ruleOrder($0.labels, $1.labels) }
    }
}
