import Evidence
public import TimeSeries

/// One process's recent backlog: who it is and its samples, oldest first.
public struct BacklogSeries: Sendable {
    /// The series labels (`instance`, `name`, `pid`, …).
    public var labels: Labels
    /// The Erlang node name when known, else the target's host:port.
    public var node: String
    public var timestamps: [Int64]
    public var values: [Double]
    /// For a process type's series: how many of its processes hold a non-empty queue, when known.
    public var processes: Double?

    public init(labels: Labels, node: String, timestamps: [Int64], values: [Double], processes: Double? = nil) {
        self.labels = labels
        self.node = node
        self.timestamps = timestamps
        self.values = values
        self.processes = processes
    }

    /// The first of the `entity` labels the series has: the registered name when the process has
    /// one. A pid goes with the process's type, as people name a process everywhere
    /// (`ProcessName`): `chat_session:init/1 <0.176.0>`, not a bare `<0.176.0>`. A process type
    /// goes with how many processes it counts: `chat_session:init/1 ×10,000`.
    public func entityName(_ entity: [String]) -> String {
        for name in entity {
            guard let value = labels[name], !value.isEmpty else { continue }
            if name == "pid" { return ProcessName.display(registeredName: nil, initialCall: labels["initial_call"], pid: value) }
            if let processes { return "\(value) ×\(RankingText.count(processes))" }
            return value
        }
        return labels.description
    }
}

/// A process's place in the next-bottleneck ranking, with the figures behind it and why.
public struct RankedBacklog: Sendable {
    public var series: BacklogSeries
    /// The process as people name it: registered name, else type and pid (`chat_session:init/1 <0.176.0>`).
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
    /// The ranking's reason in words, such as "chat_router on chat7@host: 48,210 queued, +1,200/s, over 10,000 for 2m",
    /// with the verdict when there is one ("— stuck in gen:do_call/4 for 1m40s").
    public var reason: String
    /// Stuck or slow, where and for how long, when the exporter's readings say so (over or
    /// approaching the threshold only); nil otherwise.
    public var verdict: BacklogVerdict?

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

extension RankedBacklog {
    /// Where a process stands against its threshold, which decides its tier in the ranking.
    public enum Outlook: Sendable, Equatable {
        /// Over the threshold, without a break for this many seconds.
        case over(seconds: Double)
        /// Under it, growing clearly, and due to reach it within the horizon: in this many seconds.
        case approaching(seconds: Double)
        /// Under it and shrinking by at least `RankingText.steadyBelow` messages a second.
        case draining
        /// Under it and changing by less than `RankingText.steadyBelow` messages a second.
        case steady
        /// Growing, but still under this floor (`BottleneckRanking.floorFraction` of the threshold):
        /// everyday traffic, whose minute's slope says nothing about the threshold.
        case belowFloor(Double)
        /// Growing, but the minute's rise is within the scatter of its samples around the trend.
        case noisy
        /// Growing clearly, but at this rate it would take longer than the horizon: this many seconds.
        case beyondHorizon(seconds: Double)

        /// Neither over the threshold nor approaching it: the ranking's third tier.
        public var isThirdTier: Bool {
            switch self {
            case .over, .approaching: false
            default: true
            }
        }
    }
}
