public import Probe
public import TimeSeries

/// The last two minutes of every backlog series and node figure, kept in memory for the
/// dashboard: enough for the ranking's growth window and for sparklines, without the history.
public struct RecentBacklogs: Sendable {
    /// How much of each series is kept.
    public static let windowMilliseconds: Int64 = 120_000
    /// Node figures kept per node, one per cycle.
    public static let nodeHistoryLength = 120

    public let metrics: [BacklogMetric]
    public private(set) var series: [Labels: BacklogSeries] = [:]
    public private(set) var nodes: [NodeHealth] = []
    /// Recent node figures by instance, oldest first.
    public private(set) var nodeTrends: [String: NodeTrend] = [:]
    public private(set) var lastCycle: Timestamp?
    public private(set) var lastCycleSeconds = 0.0

    public init(metrics: [BacklogMetric]) { self.metrics = metrics }

    /// Takes in one poll cycle.
    public mutating func absorb(_ cycle: ScrapeCycle) {
        let names = Set(metrics.map(\.metric))
        let now = cycle.timestamp.milliseconds
        nodes = cycle.scrapes.map(NodeHealth.init(scrape:))
        for (scrape, health) in zip(cycle.scrapes, nodes) {
            nodeTrends[scrape.target.instance, default: NodeTrend()].append(health, limit: Self.nodeHistoryLength)
            for sample in scrape.samples where names.contains(sample.labels.name) {
                let t = sample.timestamp?.milliseconds ?? now
                if var known = series.removeValue(forKey: sample.labels) {
                    known.node = health.displayName
                    if known.timestamps.last.map({ $0 < t }) ?? true {
                        known.timestamps.append(t)
                        known.values.append(sample.value)
                    }
                    series[sample.labels] = known
                } else {
                    series[sample.labels] = BacklogSeries(labels: sample.labels, node: health.displayName, timestamps: [t], values: [sample.value])
                }
            }
        }
        trim(before: now - Self.windowMilliseconds, forgetBefore: now - BottleneckRanking.lookbackMilliseconds)
        let live = Set(cycle.scrapes.map(\.target.instance))
        nodeTrends = nodeTrends.filter { live.contains($0.key) }
        lastCycle = cycle.timestamp
        lastCycleSeconds = cycle.duration
    }

    /// The ranking now, for the first backlog metric's threshold and entity labels.
    public func ranking() -> [RankedBacklog] {
        guard let metric = metrics.first, let lastCycle else { return [] }
        return BottleneckRanking.rank(Array(series.values), threshold: metric.threshold, entity: metric.entity, at: lastCycle)
    }

    private mutating func trim(before cutoff: Int64, forgetBefore forgotten: Int64) {
        for (labels, var one) in series {
            guard let last = one.timestamps.last, last >= forgotten else {
                series[labels] = nil
                continue
            }
            guard let first = one.timestamps.first, first < cutoff else { continue }
            // Keep one sample before the window, so growth over the window has a starting point.
            let keepFrom = max(0, (one.timestamps.firstIndex { $0 >= cutoff } ?? one.timestamps.count) - 1)
            if keepFrom > 0 {
                one.timestamps.removeFirst(keepFrom)
                one.values.removeFirst(keepFrom)
                series[labels] = one
            }
        }
    }
}
