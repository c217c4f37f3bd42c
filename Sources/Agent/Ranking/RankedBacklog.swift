/// A process's place in the next-bottleneck ranking, with the figures behind it and why.
public struct RankedBacklog: Sendable {
    public var series: BacklogSeries
    /// The process as people name it: registered name, else pid.
    public var entity: String
    /// The latest queue length.
    public var queued: Double
    /// Messages per second over the last minute (least squares); 0 with fewer than two samples.
    public var growthPerSecond: Double
    public var threshold: Double
    /// How long it has been over the threshold without a break, in seconds; nil when under it.
    public var overThresholdSeconds: Double?
    /// Seconds until it reaches the threshold at the current growth; nil when over it or not growing.
    public var secondsToThreshold: Double?
    /// The ranking's reason in words, such as "chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for 2m".
    public var reason: String

    public var isOverThreshold: Bool { overThresholdSeconds != nil }
}
