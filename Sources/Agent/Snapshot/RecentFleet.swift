public import Probe
public import Ranking

/// The fleet's last two minutes as the dashboard draws them: every backlog series (kept and
/// ranked by `RecentBacklogs`), and each node's health now and its recent figures.
///
/// The mapping from scrapes to what the ranking takes in lives here, so `Ranking` knows nothing
/// of Probe: a store or a remote Prometheus API can feed it the same `BacklogCycle`s or
/// `BacklogSeries`. Node figures stay here because they are read from Probe's `NodeHealth`.
public struct RecentFleet: Sendable {
    /// Node figures kept per node, one per cycle.
    public static let nodeHistoryLength = 120

    /// The backlog series of the last two minutes, and the ranking over them.
    public private(set) var backlogs: RecentBacklogs
    /// Each polled node's health as of the last cycle, in poll order.
    public private(set) var nodes: [NodeHealth] = []
    /// Recent node figures by instance, oldest first.
    public private(set) var nodeTrends: [String: NodeTrend] = [:]
    /// Wall-clock seconds the last cycle took.
    public private(set) var lastCycleSeconds = 0.0

    /// Keeps the series of `metrics` and every node's figures.
    public init(metrics: [BacklogMetric]) {
        backlogs = RecentBacklogs(metrics: metrics)
    }

    /// The backlog metrics kept; the first one's threshold ranks them.
    public var metrics: [BacklogMetric] { backlogs.metrics }

    /// The ranking now, for the first backlog metric's threshold and entity labels.
    public func ranking() -> [RankedBacklog] { backlogs.ranking() }

    /// Takes in one poll cycle: node health and trends, and the backlog samples of each target,
    /// named by the node's Erlang name when it exports one.
    public mutating func absorb(_ cycle: ScrapeCycle) {
        nodes = cycle.nodeHealth
        var targets: [BacklogScrape] = []
        targets.reserveCapacity(nodes.count)
        for (scrape, health) in zip(cycle.scrapes, nodes) {
            nodeTrends[scrape.target.instance, default: NodeTrend()].append(health, limit: Self.nodeHistoryLength)
            targets.append(BacklogScrape(instance: scrape.target.instance, node: health.displayName, isUp: scrape.isUp,
                                         samples: scrape.samples))
        }
        backlogs.absorb(BacklogCycle(timestamp: cycle.timestamp, targets: targets))
        if nodeTrends.count != nodes.count {
            let polled = Set(nodes.map(\.instance))
            nodeTrends = nodeTrends.filter { polled.contains($0.key) }
        }
        lastCycleSeconds = cycle.duration
    }
}

/// A node's recent figures, one value per cycle, oldest first (NaN while it was down).
public struct NodeTrend: Sendable, Hashable {
    /// Processes waiting for a scheduler.
    public var runQueue: [Double] = []
    /// Bytes over every memory kind.
    public var memoryBytes: [Double] = []
    /// 0…1.
    public var schedulerUtilization: [Double] = []
    /// Messages waiting in all mailboxes on the node.
    public var queuedTotal: [Double] = []
    /// How long each scrape took.
    public var scrapeMilliseconds: [Double] = []

    /// No figures yet.
    public init() {}

    fileprivate mutating func append(_ health: NodeHealth, limit: Int) {
        func push(_ values: inout [Double], _ value: Double?) {
            values.append(value ?? .nan)
            if values.count > limit { values.removeFirst(values.count - limit) }
        }
        push(&runQueue, health.runQueue)
        push(&memoryBytes, health.memoryTotal)
        push(&schedulerUtilization, health.schedulerUtilization)
        push(&queuedTotal, health.queuedMessages)
        push(&scrapeMilliseconds, health.scrapeDuration * 1000)
    }
}
