/// A process's place in the next-bottleneck ranking, with the figures behind it and why.
public struct RankedBacklog: Sendable {
    public var series: BacklogSeries
    /// The process as people name it: registered name, else pid.
    public var entity: String
    /// The latest queue length.
    public var queued: Double
    /// The largest queue length over the growth window (the last minute), the latest included:
    /// what orders the third tier.
    public var peakQueued: Double
    /// Messages per second over the last minute (least squares); 0 with fewer than two samples.
    public var growthPerSecond: Double
    public var threshold: Double
    /// Where the process stands against its threshold: over it, approaching it, or neither and why.
    public var outlook: Outlook
    /// The ranking's reason in words, such as "chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for 2m".
    public var reason: String

    /// How long it has been over the threshold without a break, in seconds; nil when under it.
    public var overThresholdSeconds: Double? {
        if case .over(let seconds) = outlook { return seconds }
        return nil
    }

    /// Seconds until it reaches the threshold at the current growth; nil unless it is approaching
    /// (see `BottleneckRanking` for what counts).
    public var secondsToThreshold: Double? {
        if case .approaching(let seconds) = outlook { return seconds }
        return nil
    }

    /// The growth as the ranking reads it: slower than `RankingText.steadyBelow` either way is
    /// steady and reads as 0, instead of a slope that flickers around zero.
    public var shownGrowthPerSecond: Double {
        abs(growthPerSecond) < RankingText.steadyBelow ? 0 : growthPerSecond
    }

    public var isOverThreshold: Bool { overThresholdSeconds != nil }
    public var isApproaching: Bool { secondsToThreshold != nil }
}
