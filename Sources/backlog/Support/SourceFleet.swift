import Agent
import Probe
import Query
import Ranking
import TimeSeries

/// The fleet's last two minutes read from a Prometheus-compatible source, for `watch --source`:
/// what the store holds turned into the poll cycles `RecentFleet` takes in, so the dashboard is
/// built by the same `DashboardModelBuilder` as over local targets, for every node the store knows.
///
/// One backfill of two minutes, then each read asks only for what is newer than what each node
/// last sent (raw samples of the backlog metrics and the node health metrics), so a fleet of
/// 20,000 series costs one small answer a second, not two minutes of every series.
///
/// A store knows less than an agent polling the node: a node whose `up` is 0 is down with "no
/// reason from the source", and a node whose samples stopped arriving is shown as not reporting.
struct SourceFleet: Sendable {
    /// What the dashboard draws from.
    private(set) var recent: RecentFleet
    /// What is known of each node the store has sent samples for, by instance.
    private var instances: [String: InstanceState] = [:]
    /// Whether the backfill is done.
    private var hasRead = false
    /// A node that sent nothing for this long, and three of its intervals, is not reporting.
    static let silentAfterMilliseconds: Int64 = 10_000
    /// The first read backfills this much.
    static let backfillMilliseconds = RecentBacklogs.windowMilliseconds
    /// A node gone silent this long is dropped, as Prometheus's lookback lets series go.
    static let forgetMilliseconds = BottleneckRanking.lookbackMilliseconds

    init(metrics: [BacklogMetric]) {
        recent = RecentFleet(metrics: metrics)
    }

    /// What one node last sent.
    private struct InstanceState: Sendable {
        var job: String
        /// The time of its newest samples.
        var newest: Int64
        /// Milliseconds between its last two sample times: its scrape interval as the store sees it.
        var spacing: Int64 = 0
        /// Its samples at `newest`: re-stated each cycle it sends nothing new, so its series stay current.
        var latest: [Sample] = []
        /// Its last `erlang_node_info`, so a node that went down keeps the name people know it by.
        var nodeInfo: Sample?

        /// Nothing new for three of its intervals, and at least `silentAfterMilliseconds`.
        func isSilent(at now: Int64) -> Bool {
            now - newest > max(3 * spacing, SourceFleet.silentAfterMilliseconds)
        }
    }

    /// The metrics read each interval: the backlog metrics, what the ranking's verdicts read, and
    /// what node rows show.
    func metricNames() -> [String] {
        recent.metrics.map(\.metric) + [
            ExporterMetric.processReductionsRate, ExporterMetric.processInfo, ExporterMetric.typeProcesses, "up", "scrape_duration_seconds", ExporterMetric.nodeInfo, ExporterMetric.processCount, ExporterMetric.processLimit,
            ExporterMetric.runQueue, ExporterMetric.memory, ExporterMetric.schedulerUtilization, ExporterMetric.queueSum,
            ExporterMetric.queueMax,
        ]
    }

    /// The selector of the next read at `now`: since the oldest of the reporting nodes' newest
    /// samples (so samples that reach the store late are still read), the whole backfill window
    /// on the first read. Nodes gone silent are left out, or one of them would keep every read
    /// two minutes long; a short window still catches them when they are back.
    func nextRead(at now: Timestamp) -> String {
        let names = metricNames().map(BacklogSelection.regexEscape).joined(separator: "|")
        var span = Self.backfillMilliseconds
        if hasRead {
            let reporting = instances.values.filter { !$0.isSilent(at: now.milliseconds) }.map(\.newest)
            span = reporting.min().map { now.milliseconds - $0 + 1 } ?? Self.silentAfterMilliseconds
            span = min(Self.backfillMilliseconds, max(Self.silentAfterMilliseconds, span))
        }
        return "{__name__=~\(BacklogSelection.quote(names))}[\(span)ms]"
    }

    /// Takes in the source's answer to `nextRead(at: now)` as one cycle at `now`.
    mutating func absorb(_ value: QueryValue, at now: Timestamp, seconds: Double) {
        hasRead = true
        guard case .matrix(let series) = value else { return }
        absorb(series, at: now, seconds: seconds)
    }

    /// Takes in raw samples the source answered: each node's new samples, in time order, as one
    /// target's scrape of a cycle at `now`.
    mutating func absorb(_ series: [RangeSeries], at now: Timestamp, seconds: Double) {
        var fresh: [String: [Sample]] = [:]
        for one in series {
            guard let instance = one.labels["instance"] else { continue }
            let known = instances[instance]?.newest ?? .min
            for point in one.points where point.t.milliseconds > known {
                fresh[instance, default: []].append(Sample(labels: one.labels, value: point.v, timestamp: point.t))
            }
        }
        for (instance, samples) in fresh {
            let times = Set(samples.map { $0.timestamp?.milliseconds ?? 0 }).sorted()
            guard let newest = times.last else { continue }
            var state = instances[instance] ?? InstanceState(job: samples[0].labels["job"] ?? "", newest: .min)
            let previous = times.count > 1 ? times[times.count - 2] : state.newest
            if previous != .min { state.spacing = newest - previous }
            state.newest = newest
            state.latest = samples.filter { $0.timestamp?.milliseconds == newest }
            if let info = samples.last(where: { $0.labels.name == ExporterMetric.nodeInfo }) { state.nodeInfo = info }
            instances[instance] = state
        }
        instances = instances.filter { now.milliseconds - $0.value.newest < Self.forgetMilliseconds }
        var scrapes: [TargetScrape] = []
        for (instance, state) in instances.sorted(by: { $0.key < $1.key }) {
            // The node's new samples in time order, so the newest health figures win; without
            // any, its last scrape again, which appends nothing but keeps its series current.
            var samples = (fresh[instance] ?? state.latest).sorted { ($0.timestamp ?? now) < ($1.timestamp ?? now) }
            if let info = state.nodeInfo, !samples.contains(where: { $0.labels.name == ExporterMetric.nodeInfo }) { samples.insert(info, at: 0) }
            let target = ScrapeTarget(
                job: state.job, instance: instance, url: instance, labels: Labels(["job": state.job, "instance": instance]))
            scrapes.append(TargetScrape(
                target: target, timestamp: Timestamp(milliseconds: state.newest), samples: samples,
                error: problem(state, samples: samples, now: now, instance: instance),
                duration: samples.last { $0.labels.name == "scrape_duration_seconds" }?.value ?? 0, bodyBytes: 0,
                scrapedSampleCount: samples.count))
        }
        recent.absorb(ScrapeCycle(timestamp: now, scrapes: scrapes, configProblems: [], duration: seconds))
    }

    /// What a node silent for `seconds` is shown with. The store cannot tell why, but it is the
    /// agents that send, so the likely causes are theirs: a node whose exporter fails still sends
    /// `up` 0.
    static func silenceReason(seconds: Int64) -> String {
        "not reporting to the source for \(PromDuration(milliseconds: seconds * 1000)): no agent is sending it "
            + "(its shard's agents are down or cannot reach the source, or no shard polls it)"
    }

    /// Why a node counts as down, in what the source can say: `up` is 0 (the store does not
    /// know why), or nothing has arrived for three of its intervals.
    private func problem(_ state: InstanceState, samples: [Sample], now: Timestamp, instance: String) -> ScrapeError? {
        let silence = now.milliseconds - state.newest
        if state.isSilent(at: now.milliseconds) {
            return ScrapeError(kind: .transport(.other), url: instance, reason: Self.silenceReason(seconds: silence / 1000))
        }
        if let up = samples.last(where: { $0.labels.name == "up" }), up.value == 0 {
            return ScrapeError(kind: .transport(.other), url: instance, reason: "no reason from the source")
        }
        return nil
    }
}
