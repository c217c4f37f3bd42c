import Query
import TimeSeries

/// A reader that adds the samples this evaluation has produced so far to what the store holds,
/// so a rule sees the recording rules and `ALERTS` before it, as in Prometheus, where each
/// rule's output is written before the next rule runs.
struct OverlaySeriesReader: SeriesReader {
    let base: any SeriesReader
    /// Produced samples by metric name, all at the evaluation time.
    let produced: [String: [Sample]]

    /// The produced samples the matchers select, in the order they were produced.
    private func producedSamples(matching matchers: [LabelMatcher]) -> [Sample] {
        var selected: [Sample] = []
        forEachProduced(matching: matchers) { selected.append($0) }
        return selected
    }

    /// Calls `body` with each produced sample the matchers select, in the order produced.
    /// Samples are kept by metric name, so a `__name__="…"` matcher picks its list and is not
    /// tested again on each of the thousands of samples a recording rule over a fleet makes.
    private func forEachProduced(matching matchers: [LabelMatcher], _ body: (Sample) -> Void) {
        guard !produced.isEmpty else { return }
        var rest = matchers
        let pools: [[Sample]]
        if let named = matchers.firstIndex(where: { $0.name == Labels.metricName && $0.kind == .equal }) {
            pools = [produced[matchers[named].value] ?? []]
            rest.remove(at: named)
        } else {
            pools = Array(produced.values)
        }
        for pool in pools {
            for sample in pool where rest.isEmpty || rest.allSatisfy({ $0.matches(sample.labels) }) { body(sample) }
        }
    }

    func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        let stored = try base.series(matching: matchers, from: from, through: through)
        let added = producedSamples(matching: matchers).filter { sample in
            sample.timestamp.map { $0 >= from && $0 <= through } ?? false
        }
        guard !added.isEmpty else { return stored }
        var positions: [Labels: Int] = [:]
        for (index, series) in stored.enumerated() { positions[series.labels] = index }
        var merged = stored
        for sample in added {
            let time = sample.timestamp?.milliseconds ?? through.milliseconds
            if let index = positions[sample.labels] {
                let old = merged[index]
                let keep = old.timestamps.firstIndex { $0 >= time } ?? old.timestamps.count
                merged[index] = StoredSeries(
                    labels: old.labels, timestamps: Array(old.timestamps[..<keep]) + [time],
                    values: Array(old.values[..<keep]) + [sample.value])
            } else {
                merged.append(StoredSeries(labels: sample.labels, timestamps: [time], values: [sample.value]))
            }
        }
        return OverlaySeriesReader.inLabelOrder(merged, \.labels)
    }

    /// The produced samples straight from the overlay, and the store's for the rest: a
    /// threshold on a recorded ratio of every node builds no series.
    func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws -> [LatestSample] {
        let stored = try base.latestSamples(matching: matchers, at: time, lookback: lookback, keep: keep)
        // A produced sample is newer than anything stored for its series, and a produced
        // staleness marker ends the series.
        var added: [LatestSample] = []
        var producedLabels: Set<Labels> = []
        var anyProduced = false
        forEachProduced(matching: matchers) { sample in
            guard let sampleTime = sample.timestamp, sampleTime <= time, sampleTime > time - lookback else { return }
            anyProduced = true
            if !stored.isEmpty { producedLabels.insert(sample.labels) }
            if !StoredSeries.isStaleMarker(sample.value), keep(sample.value) {
                added.append(LatestSample(labels: sample.labels, value: sample.value))
            }
        }
        guard anyProduced else { return stored }
        let merged = stored.isEmpty ? added : stored.filter { !producedLabels.contains($0.labels) } + added
        return OverlaySeriesReader.inLabelOrder(merged, \.labels)
    }

    /// Sorted by labels, unless already (each rule's output usually is).
    private static func inLabelOrder<T>(_ items: [T], _ labels: (T) -> Labels) -> [T] {
        if zip(items, items.dropFirst()).allSatisfy({ Labels.ruleOrder(labels($0), labels($1)) }) { return items }
        return items.sorted { Labels.ruleOrder(labels($0), labels($1)) }
    }
}
