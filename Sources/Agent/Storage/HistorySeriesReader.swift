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
}
