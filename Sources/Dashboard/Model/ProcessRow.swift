public import TimeSeries

/// One process backlog in the fleet-wide list.
public struct ProcessRow: Hashable, Sendable {
    public var process: ProcessIdentity
    public var queueLength: Int
    /// The largest queue length over the last minute, which orders the ranking's third tier;
    /// nil when not known (the column shows nothing).
    public var peakQueueLength: Int?
    public var growthPerSecond: Double
    /// Recent queue lengths, oldest first.
    public var recent: [Double]
    /// How `recent` lines up in time, so its sparkline shows all of it; nil: one glyph a sample.
    public var recentSpan: SparklineSpan?
    /// The state of the worst alert about this process.
    public var alertState: AlertState

    public init(process: ProcessIdentity, queueLength: Int, peakQueueLength: Int? = nil, growthPerSecond: Double = 0,
                recent: [Double] = [], recentSpan: SparklineSpan? = nil, alertState: AlertState = .inactive) {
        self.process = process
        self.queueLength = queueLength
        self.peakQueueLength = peakQueueLength
        self.growthPerSecond = growthPerSecond
        self.recent = recent
        self.recentSpan = recentSpan
        self.alertState = alertState
    }
}
