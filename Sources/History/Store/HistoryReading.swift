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

extension HistoryReading {
    /// The newest sample in `(time − lookback, time]` of each matching series whose value `keep`
    /// accepts, in label order.
    ///
    /// This default reads the window with `select`; the writer answers from its in-memory last samples.
    public func latestSamples(
        _ matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws(HistoryError) -> [LatestStoredSample] {
        let from = time - lookback + .millis(1)
        var found: [LatestStoredSample] = []
        for data in try select(matchers, from: from, through: time) {
            guard let last = data.timestamps.last, let value = data.values.last, keep(value) else { continue }
            found.append(LatestStoredSample(labels: data.labels, timestamp: last, value: value))
        }
        return found
    }
}

/// One series' newest sample at or before a time, as an instant selector reads it.
public struct LatestStoredSample: Sendable, Equatable {
    public var labels: Labels
    /// Milliseconds since the epoch.
    public var timestamp: Int64
    public var value: Double

    public init(labels: Labels, timestamp: Int64, value: Double) {
        self.labels = labels
        self.timestamp = timestamp
        self.value = value
    }

    public static func == (lhs: LatestStoredSample, rhs: LatestStoredSample) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamp == rhs.timestamp && lhs.value.bitPattern == rhs.value.bitPattern
    }
}

/// One series' samples in a time range, oldest first.
public struct SeriesData: Sendable, Equatable {
    public var labels: Labels
    /// Milliseconds since the epoch, strictly increasing.
    public var timestamps: [Int64]
    public var values: [Double]

    public init(labels: Labels, timestamps: [Int64], values: [Double]) {
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    public static func == (lhs: SeriesData, rhs: SeriesData) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamps == rhs.timestamps
            && lhs.values.map(\.bitPattern) == rhs.values.map(\.bitPattern)
    }

    /// The order selections are returned in: by labels, as Prometheus's storage returns series.
    static func labelOrder(_ lhs: SeriesData, _ rhs: SeriesData) -> Bool {
        lhs.labels.storage.lexicographicallyPrecedes(rhs.labels.storage)
    }
}

/// Size and counts of a history file.
public struct HistoryStats: Sendable, Equatable {
    /// The database file plus its write-ahead log.
    public var fileBytes: Int64
    public var seriesCount: Int
    public var chunkCount: Int
    /// Samples in chunk rows plus samples still in open head chunks (the durable tail).
    public var sampleCount: Int
    public var headSamples: Int
    /// Rows in the durable tail (one per recent cycle).
    public var tailCycles: Int
    public var outOfOrderRejected: Int
    public var duplicatesRejected: Int

    public init(
        fileBytes: Int64, seriesCount: Int, chunkCount: Int, sampleCount: Int, headSamples: Int, tailCycles: Int,
        outOfOrderRejected: Int, duplicatesRejected: Int
    ) {
        self.fileBytes = fileBytes
        self.seriesCount = seriesCount
        self.chunkCount = chunkCount
        self.sampleCount = sampleCount
        self.headSamples = headSamples
        self.tailCycles = tailCycles
        self.outOfOrderRejected = outOfOrderRejected
        self.duplicatesRejected = duplicatesRejected
    }

    /// File bytes per stored sample.
    public var bytesPerSample: Double { sampleCount == 0 ? 0 : Double(fileBytes) / Double(sampleCount) }
}
