import Query
import TimeSeries

/// A reader that adds the samples this evaluation has produced so far to what the store holds,
/// so a rule sees the recording rules and `ALERTS` before it, as in Prometheus, where each
/// rule's output is written before the next rule runs.
struct OverlaySeriesReader: SeriesReader {
    let base: any SeriesReader
    /// Produced series by metric name, one sample each.
    let produced: [String: [StoredSeries]]

    func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        let stored = try base.series(matching: matchers, from: from, through: through)
        guard !produced.isEmpty else { return stored }
        let pool: [StoredSeries]
        if let name = matchers.first(where: { $0.name == Labels.metricName && $0.kind == .equal })?.value {
            pool = produced[name] ?? []
        } else {
            pool = produced.values.flatMap { $0 }
        }
        let added = pool.filter { series in
            series.timestamps[0] >= from.milliseconds && series.timestamps[0] <= through.milliseconds
                && matchers.allSatisfy { $0.matches(series.labels) }
        }
        guard !added.isEmpty else { return stored }
        // Each rule's output arrives in label order, so the common case (a recorded metric
        // not in the store yet) needs no sorting.
        if stored.isEmpty, zip(added, added.dropFirst()).allSatisfy({ Labels.ruleOrder($0.labels, $1.labels) }) {
            return added
        }
        var merged = stored
        var positions: [Labels: Int] = [:]
        for (index, series) in stored.enumerated() { positions[series.labels] = index }
        for series in added {
            if let index = positions[series.labels] {
                let old = merged[index]
                let time = series.timestamps[0]
                let keep = old.timestamps.firstIndex { $0 >= time } ?? old.timestamps.count
                merged[index] = StoredSeries(
                    labels: old.labels, timestamps: Array(old.timestamps[..<keep]) + [time],
                    values: Array(old.values[..<keep]) + [series.values[0]])
            } else {
                merged.append(series)
            }
        }
        return merged.sorted { Labels.ruleOrder($0.labels, $1.labels) }
    }

    /// The store's own fast path when this evaluation produced nothing the selector could match.
    func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws -> [LatestSample] {
        let name = matchers.first { $0.name == Labels.metricName && $0.kind == .equal }?.value
        let mayOverlap = name.map { produced[$0] != nil } ?? !produced.isEmpty
        guard mayOverlap else { return try base.latestSamples(matching: matchers, at: time, lookback: lookback, keep: keep) }
        var found: [LatestSample] = []
        for stored in try series(matching: matchers, from: time - lookback + .millis(1), through: time) {
            let index = stored.timestamps.lastIndex { $0 <= time.milliseconds }
            guard let index, stored.timestamps[index] > (time - lookback).milliseconds else { continue }
            let value = stored.values[index]
            guard !StoredSeries.isStaleMarker(value), keep(value) else { continue }
            found.append(LatestSample(labels: stored.labels, value: value))
        }
        return found
    }
}
