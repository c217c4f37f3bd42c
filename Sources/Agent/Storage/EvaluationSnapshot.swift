public import History
public import TimeSeries

/// The history as one rule evaluation sees it: every read goes to the store, but the store's
/// write generation is the one noted when the evaluation began, so a `HistorySeriesReader`
/// keeps handing out what it selected while later cycles land.
///
/// An evaluation reads up to its evaluation time, a stored cycle's timestamp, and cycles that
/// land meanwhile add only newer samples, so what it selected still holds for it. Without this,
/// a group off the poll path that runs for most of a poll interval would see the generation move
/// with every cycle and read each selector again for each rule, holding the store longer while
/// the poll path waits to append.
public struct EvaluationSnapshot: HistoryReading {
    public let store: any HistoryReading
    public let writeGeneration: UInt64?

    /// Notes the store's generation now.
    public init(_ store: any HistoryReading) {
        self.store = store
        writeGeneration = store.writeGeneration
    }

    public func select(_ matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws(HistoryError) -> [SeriesData] {
        try store.select(matchers, from: from, through: through)
    }

    public func latestSamples(
        _ matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws(HistoryError) -> [LatestStoredSample] {
        try store.latestSamples(matchers, at: time, lookback: lookback, keep: keep)
    }

    public func labelNames() throws(HistoryError) -> [String] { try store.labelNames() }

    public func labelValues(name: String) throws(HistoryError) -> [String] { try store.labelValues(name: name) }

    public var seriesCount: Int {
        get throws(HistoryError) { try store.seriesCount }
    }

    public var sampleCount: Int {
        get throws(HistoryError) { try store.sampleCount }
    }

    public func stats() throws(HistoryError) -> HistoryStats { try store.stats() }
}
