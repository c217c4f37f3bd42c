/// The process backlog the ranking says will become the bottleneck next, and why.
public struct Bottleneck: Hashable, Sendable {
    public var process: ProcessIdentity
    public var queueLength: Int
    /// Messages per second the queue grows by (negative while it drains).
    public var growthPerSecond: Double
    /// The configured backlog threshold for this metric, if any.
    public var threshold: Int?
    /// How long the queue has been over the threshold, if it is.
    public var overThresholdSeconds: Double?
    /// One sentence for a human, such as `chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for 2m`.
    public var reason: String
    /// Recent queue lengths, oldest first, for the sparkline.
    public var recent: [Double]
    /// How `recent` lines up in time, so its sparkline shows all of it; nil: one glyph a sample.
    public var recentSpan: SparklineSpan?

    public init(process: ProcessIdentity, queueLength: Int, growthPerSecond: Double, threshold: Int? = nil,
                overThresholdSeconds: Double? = nil, reason: String? = nil, recent: [Double] = [],
                recentSpan: SparklineSpan? = nil) {
        self.process = process
        self.queueLength = queueLength
        self.growthPerSecond = growthPerSecond
        self.threshold = threshold
        self.overThresholdSeconds = overThresholdSeconds
        self.recent = recent
        self.recentSpan = recentSpan
        self.reason = reason ?? Self.describe(process: process, queueLength: queueLength, growthPerSecond: growthPerSecond,
                                              threshold: threshold, overThresholdSeconds: overThresholdSeconds)
    }

    /// The standard reason sentence: `chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for 2m`.
    public static func describe(process: ProcessIdentity, queueLength: Int, growthPerSecond: Double, threshold: Int?,
                                overThresholdSeconds: Double?) -> String {
        var text = "\(process.displayName) on \(process.node): \(HumanFormat.count(queueLength)) queued, "
            + HumanFormat.rate(growthPerSecond, grouped: true)
        if let threshold {
            if let seconds = overThresholdSeconds, queueLength > threshold {
                text += ", over \(HumanFormat.count(threshold)) for \(HumanFormat.duration(seconds: seconds))"
            } else {
                text += ", threshold \(HumanFormat.count(threshold))"
            }
        }
        return text
    }
}
