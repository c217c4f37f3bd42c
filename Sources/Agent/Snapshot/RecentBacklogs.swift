public import Probe
public import TimeSeries

/// The last two minutes of every backlog series and node figure, kept in memory for the
/// dashboard: enough for the ranking's growth window and for sparklines, without the history.
///
/// Series follow Prometheus's staleness: when a target's scrape succeeds without a series it
/// gave before, that series is gone from that cycle on, not shown at its last value until the
/// lookback runs out. When a target's scrape fails, its series are suspended: left out of the
/// ranking (their last values are not current) but kept, so that if the node is back within the
/// window their growth and sparklines go on; the node's row says it is down and why.
///
/// Each series lives in a slot found once per cycle (by position in its target's scrape, else by
/// labels) and grows in place, so a cycle of 20,000 series costs no rehashing or copying.
public struct RecentBacklogs: Sendable {
    /// How much of each series is kept.
    public static let windowMilliseconds: Int64 = 120_000
    /// Node figures kept per node, one per cycle.
    public static let nodeHistoryLength = 120

    public let metrics: [BacklogMetric]
    /// The backlog metric names: a short array, which beats hashing every sample's name.
    let metricNames: [String]
    /// Every kept series; free ones (listed in `freeSlots`) wait to be reused. Not optional, so
    /// reading a slot's labels does not copy the whole slot.
    var slots: [Slot] = []
    /// `SeriesFingerprint` of each slot's labels.
    var fingerprints: [UInt64] = []
    var freeSlots: [Int] = []
    var slotByLabels: [Labels: Int] = [:]
    /// Each target's series in the order its last successful scrape gave them.
    var targetSlots: [String: [Int]] = [:]
    /// Counts cycles, to tell which series the current one saw.
    var cycleNumber = 0
    public private(set) var nodes: [NodeHealth] = []
    /// Recent node figures by instance, oldest first.
    public private(set) var nodeTrends: [String: NodeTrend] = [:]
    public private(set) var lastCycle: Timestamp?
    public private(set) var lastCycleSeconds = 0.0

    public init(metrics: [BacklogMetric]) {
        self.metrics = metrics
        metricNames = metrics.map(\.metric)
    }

    /// The series shown now: every series of the last successful scrape of each target that is up.
    public var currentSeries: [BacklogSeries] {
        slots.compactMap { $0.isCurrent && !$0.isFree ? $0.series : nil }
    }

    /// How many series are kept, suspended ones (of targets down) included.
    public var keptSeriesCount: Int { slotByLabels.count }

    /// Takes in one poll cycle.
    public mutating func absorb(_ cycle: ScrapeCycle) {
        cycleNumber += 1
        let now = cycle.timestamp.milliseconds
        nodes = cycle.scrapes.map(NodeHealth.init(scrape:))
        for (scrape, health) in zip(cycle.scrapes, nodes) {
            nodeTrends[scrape.target.instance, default: NodeTrend()].append(health, limit: Self.nodeHistoryLength)
            if scrape.isUp {
                absorbSeries(of: scrape, node: health.displayName, at: now)
            } else {
                suspendSeries(of: scrape.target.instance)
            }
        }
        let polled = Set(cycle.scrapes.map(\.target.instance))
        // Targets no longer polled (taken out of the targets file) take their series with them.
        for (instance, held) in targetSlots where !polled.contains(instance) {
            for index in held where slots[index].belongs(to: instance) { removeSlot(index) }
            targetSlots[instance] = nil
        }
        trim(before: now - Self.windowMilliseconds)
        if nodeTrends.count != polled.count { nodeTrends = nodeTrends.filter { polled.contains($0.key) } }
        lastCycle = cycle.timestamp
        lastCycleSeconds = cycle.duration
    }

    /// The ranking now, for the first backlog metric's threshold and entity labels.
    public func ranking() -> [RankedBacklog] {
        guard let metric = metrics.first, let lastCycle else { return [] }
        return BottleneckRanking.rank(currentSeries, threshold: metric.threshold, entity: metric.entity, at: lastCycle)
    }
}
