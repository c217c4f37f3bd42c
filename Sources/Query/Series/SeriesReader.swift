public import TimeSeries

/// Where the engine reads series from. The History store implements it; tests, `rules test` and
/// benchmarks use `InMemorySeriesReader`.
public protocol SeriesReader: Sendable {
    /// The series whose labels satisfy every matcher, in label order (as Prometheus's storage
    /// returns them, which decides the order of query results), with all their samples from
    /// `from` through `through` inclusive.
    ///
    /// Samples outside that interval, and series without samples in it, may be included: the
    /// engine ignores them, so a store can hand over whole chunks without trimming them.
    func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries]

    /// The latest sample in `(time − lookback, time]` of each matching series, unless it is a
    /// staleness marker or `keep` rejects its value, in label order. A default reads `series`.
    func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws -> [LatestSample]
}

/// One series' latest sample, as an instant selector sees it.
public struct LatestSample: Sendable {
    public var labels: Labels
    public var value: Double

    public init(labels: Labels, value: Double) {
        self.labels = labels
        self.value = value
    }
}

extension SeriesReader {
    /// The latest sample in `(time − lookback, time]` of each matching series, unless it is a
    /// staleness marker or `keep` rejects its value, in label order.
    ///
    /// What an instant selector under a threshold (`x > 10000`) needs. This default reads the
    /// series; a reader that keeps its latest samples in flat arrays answers a million-series
    /// selector without visiting the series that fail `keep`.
    public func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws -> [LatestSample] {
        var found: [LatestSample] = []
        for stored in try series(matching: matchers, from: time - lookback + .millis(1), through: time) {
            guard let value = stored.latestValue(at: time.milliseconds, lookback: lookback.milliseconds), keep(value) else { continue }
            found.append(LatestSample(labels: stored.labels, value: value))
        }
        return found
    }
}

extension StoredSeries {
    /// The latest sample in `(time − lookback, time]`, unless it is a staleness marker.
    func latestValue(at time: Int64, lookback: Int64) -> Double? {
        let index = timestamps.indexAfter(time) - 1
        guard index >= 0, timestamps[index] > time - lookback else { return nil }
        let value = values[index]
        return StoredSeries.isStaleMarker(value) ? nil : value
    }
}
