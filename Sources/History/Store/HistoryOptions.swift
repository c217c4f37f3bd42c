public import TimeSeries

/// How the store cuts chunks and how long it keeps data.
public struct HistoryOptions: Sendable, Equatable {
    /// Data older than this (behind the newest cycle's time) is deleted in the background.
    public var retention: PromDuration
    /// An open head chunk is written out once it holds this many samples.
    public var chunkSamples: Int
    /// A head that got no sample for this long is written out, so the durable tail can shrink.
    public var idleCut: PromDuration
    /// A head is written out once its first sample is this many cycles old, bounding the tail.
    public var maxTailCycles: Int
    /// A head is written out once its first sample is this old, bounding the tail in time; the
    /// agent sets it to what a full chunk takes at its poll interval, and a quarter more.
    public var maxHeadSpan: PromDuration?
    /// Retention runs inside every this many cycles' transaction.
    public var retentionEveryCycles: Int
    /// Series whose chunks one retention step visits, keeping each step's transaction short.
    public var retentionSeriesPerStep: Int
    /// How far back the writer keeps cut chunks in memory besides the open heads, so recent reads
    /// (the rule engine's) skip SQLite; older reads, and reads after a restart, go to the file.
    public var memoryWindow: PromDuration
    /// The most series held in memory, and whose new series are refused past it (`SeriesBudget`).
    public var seriesBudget = SeriesBudget(maxSeries: SeriesBudget.defaultMaxSeries)
    /// How long a call waits for another process's lock before failing.
    public var busyTimeout: PromDuration
    /// Keeps the commit-ordered log remote write sends from (`RemoteLogSchema`); off drops it.
    public var remoteWriteLog = false

    public init(
        retention: PromDuration = PromDuration(milliseconds: 15 * 86_400_000),
        chunkSamples: Int = 120,
        idleCut: PromDuration = PromDuration(milliseconds: 5 * 60_000),
        maxTailCycles: Int = 600,
        retentionEveryCycles: Int = 30,
        retentionSeriesPerStep: Int = 2000,
        busyTimeout: PromDuration = .seconds(5),
        memoryWindow: PromDuration = PromDuration(milliseconds: 15 * 60_000)
    ) {
        self.retention = retention
        self.chunkSamples = max(1, chunkSamples)
        self.idleCut = idleCut
        self.maxTailCycles = max(1, maxTailCycles)
        self.retentionEveryCycles = max(1, retentionEveryCycles)
        self.retentionSeriesPerStep = max(1, retentionSeriesPerStep)
        self.busyTimeout = busyTimeout
        self.memoryWindow = PromDuration(milliseconds: max(0, memoryWindow.milliseconds))
    }
}
