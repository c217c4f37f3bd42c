public import TimeSeries

/// Everything the dashboard shows for one moment, as the agent fills it in after each poll cycle.
/// Plain values: views read it and never change it, so it can be handed across threads freely.
public struct DashboardModel: Hashable, Sendable {
    public var header: FleetHeader
    /// The backlog most likely to become the bottleneck next, or nil when nothing stands out.
    public var bottleneck: Bottleneck?
    /// Every process the agent tracks fleet-wide, in the agent's ranking order (most urgent first).
    /// Views pick the rows they show; the model holds them all.
    public var processes: [ProcessRow]
    public var nodes: [NodeRow]
    public var alerts: [AlertRow]
    /// The process the process view shows, when one is open.
    public var openProcess: OpenProcess?

    public init(header: FleetHeader, bottleneck: Bottleneck? = nil, processes: [ProcessRow] = [], nodes: [NodeRow] = [],
                alerts: [AlertRow] = [], openProcess: OpenProcess? = nil) {
        self.header = header
        self.bottleneck = bottleneck
        self.processes = processes
        self.nodes = nodes
        self.alerts = alerts
        self.openProcess = openProcess
    }

    /// A model with nothing in it yet, for the first frame before the first cycle lands.
    public static let empty = DashboardModel(header: FleetHeader())
}

/// The one-line summary at the top of the dashboard.
public struct FleetHeader: Hashable, Sendable {
    public var nodesUp: Int
    public var nodesTotal: Int
    /// Messages waiting in all process mailboxes across the fleet.
    public var totalQueued: Int
    public var alertsFiring: Int
    public var pollIntervalSeconds: Double
    /// How long the last poll cycle took, end to end.
    public var lastCycleMilliseconds: Double
    /// True when the agent is not updating (the dashboard shows the same when the user pauses it).
    public var paused: Bool

    public init(nodesUp: Int = 0, nodesTotal: Int = 0, totalQueued: Int = 0, alertsFiring: Int = 0,
                pollIntervalSeconds: Double = 1, lastCycleMilliseconds: Double = 0, paused: Bool = false) {
        self.nodesUp = nodesUp
        self.nodesTotal = nodesTotal
        self.totalQueued = totalQueued
        self.alertsFiring = alertsFiring
        self.pollIntervalSeconds = pollIntervalSeconds
        self.lastCycleMilliseconds = lastCycleMilliseconds
        self.paused = paused
    }
}

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

/// Which process a backlog belongs to: the node it runs on, its pid, its registered name if any,
/// and where to ask about it.
public struct ProcessIdentity: Hashable, Sendable {
    public var node: String
    public var pid: String
    /// The registered name, or empty for an anonymous process.
    public var name: String
    /// The process's type, its initial call (`chat_session:init/1`), or empty when not known.
    public var initialCall: String
    /// The node's target, host:port of its exporter, or empty when not known.
    public var instance: String

    public init(node: String, pid: String, name: String = "", initialCall: String = "", instance: String = "") {
        self.node = node
        self.pid = pid
        self.name = name
        self.initialCall = initialCall
        self.instance = instance
    }

    /// The registered name when there is one; else its type and pid (`chat_session:init/1 <0.176.0>`),
    /// which says what an anonymous process is; else the pid alone.
    public var displayName: String {
        if !name.isEmpty { return name }
        return initialCall.isEmpty ? pid : "\(initialCall) \(pid)"
    }

    /// Whether both name the same process: the same pid on the same node.
    public func isSameProcess(as other: ProcessIdentity) -> Bool { pid == other.pid && node == other.node }
}

/// One active alert.
public struct AlertRow: Hashable, Sendable {
    public var name: String
    /// The labels that tell instances apart, already shortened: `instance=chat7:9199 name=chat_router`.
    public var labelsSummary: String
    public var state: AlertState
    /// Seconds since the alert became active (went pending; `startsAt` in a notification), so
    /// one alert shows one age wherever it is seen.
    public var ageSeconds: Double
    /// Receivers that accepted a notification of it (empty while pending or not yet sent).
    public var deliveredTo: [String]
    /// Receivers that refused a notification of it for good (a final 4xx) and have not accepted
    /// one since.
    public var refusedBy: [String]
    /// Receivers a notification of it waits for: queued, not accepted yet (receiver down, retrying).
    public var queuedFor: [String]

    public init(
        name: String, labelsSummary: String = "", state: AlertState, ageSeconds: Double = 0, deliveredTo: [String] = [],
        refusedBy: [String] = [], queuedFor: [String] = []
    ) {
        self.name = name
        self.labelsSummary = labelsSummary
        self.state = state
        self.ageSeconds = ageSeconds
        self.deliveredTo = deliveredTo
        self.refusedBy = refusedBy
        self.queuedFor = queuedFor
    }
}
