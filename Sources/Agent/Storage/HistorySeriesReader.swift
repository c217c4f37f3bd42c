public import History
public import Query
public import TimeSeries

/// Lets the PromQL engine read the history: the store's `select` as a `SeriesReader`.
public struct HistorySeriesReader: SeriesReader {
    public let history: any HistoryReading

    public init(_ history: any HistoryReading) { self.history = history }

    public func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        try history.select(matchers, from: from, through: through).map {
            StoredSeries(labels: $0.labels, timestamps: $0.timestamps, values: $0.values)
        }
    }

    /// The store's latest samples: the agent's writer answers from each series' last sample in
    /// memory instead of reading and decoding every matching series' window.
    public func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws -> [LatestSample] {
        try history.latestSamples(matchers, at: time, lookback: lookback) { !StoredSeries.isStaleMarker($0) && keep($0) }
            .map { LatestSample(labels: $0.labels, value: $0.value) }
    }
}
