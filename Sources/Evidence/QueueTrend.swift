public import TimeSeries

/// How fast a process's queue changes, in messages per second, and what the figure rests on.
public struct QueueTrend: Sendable, Equatable, Codable {
    /// Where the figure comes from.
    public enum Basis: String, Sendable, Codable {
        /// The queue samples in the history over the last minute.
        case history
        /// Two readings of `/process`, a moment apart.
        case readings
    }

    /// Messages per second: positive while the queue grows.
    public var perSecond: Double
    /// Seconds between the first and last reading the figure uses.
    public var seconds: Double
    public var basis: Basis

    public init(perSecond: Double, seconds: Double, basis: Basis) {
        self.perSecond = perSecond
        self.seconds = seconds
        self.basis = basis
    }

    /// The trend over the samples of the last `window` up to `now`: from the first to the last
    /// sample in it. Nil with fewer than two samples there, or when they share one timestamp.
    public static func fromHistory(_ points: [(time: Timestamp, value: Double)], now: Timestamp, window: PromDuration = .seconds(60))
        -> QueueTrend?
    {
        let start = now.milliseconds - window.milliseconds
        let recent = points.filter { $0.time.milliseconds >= start && $0.time.milliseconds <= now.milliseconds && $0.value.isFinite }
        guard let first = recent.first, let last = recent.last, last.time.milliseconds > first.time.milliseconds else { return nil }
        let seconds = Double(last.time.milliseconds - first.time.milliseconds) / 1000
        return QueueTrend(perSecond: (last.value - first.value) / seconds, seconds: seconds, basis: .history)
    }

    /// The trend between two readings of the queue `seconds` apart; nil when no time passed.
    public static func fromReadings(first: Int, second: Int, seconds: Double) -> QueueTrend? {
        guard seconds > 0 else { return nil }
        return QueueTrend(perSecond: Double(second - first) / seconds, seconds: seconds, basis: .readings)
    }
}
