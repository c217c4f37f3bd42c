public import TimeSeries

/// What query engines and commands read from a history, whether through the writer or a reader.
public protocol HistoryReading: Sendable {
    /// Series matching every matcher, with their samples in `from...through` (both ends included),
    /// oldest first; series without samples in the range are left out.
    func select(_ matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws(HistoryError) -> [SeriesData]
    /// The newest sample in `(time − lookback, time]` of each matching series whose value `keep`
    /// accepts, in label order.
    func latestSamples(
        _ matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws(HistoryError) -> [LatestStoredSample]
    /// Every label name of every series, sorted.
    func labelNames() throws(HistoryError) -> [String]
    /// Every value of one label name, sorted.
    func labelValues(name: String) throws(HistoryError) -> [String]
    var seriesCount: Int { get throws(HistoryError) }
    /// Samples stored: in chunk rows plus in open head chunks.
    var sampleCount: Int { get throws(HistoryError) }
    func stats() throws(HistoryError) -> HistoryStats
    /// A number that changes whenever stored samples may have changed, so a reader can keep a
    /// selection while it stays the same; nil when this reader cannot tell (another process
    /// writes the file), and nothing read may be kept.
    var writeGeneration: UInt64? { get }
}

extension HistoryReading {
    public var writeGeneration: UInt64? { nil }
}
