public import Agent
public import Dashboard
public import Probe
public import Ranking
public import TimeSeries

/// Turns what the agent knows into what the dashboard draws: the mapping `backlog watch` and
/// `backlog demo` use each frame, kept here (not in the executable) so the render benchmark
/// draws exactly what users see.
public enum DashboardModelBuilder {
    /// The dashboard's model for the agent's recent figures and the alerts panel's rows.
    public static func model(recent: RecentFleet, interval: PromDuration, alerts: [AlertRow], paused: Bool) -> DashboardModel {
        let ranking = recent.ranking()
        let processes = ranking.map { entry in
            ProcessRow(
                process: identity(entry), queueLength: Int(entry.queued.rounded()), peakQueueLength: Int(entry.peakQueued.rounded()),
                growthPerSecond: entry.shownGrowthPerSecond, recent: entry.series.values, recentSpan: span(entry, interval: interval),
                alertState: alertState(entry, alerts: alerts))
        }
        let bottleneck = ranking.first.map { entry in
            Bottleneck(
                process: identity(entry), queueLength: Int(entry.queued.rounded()), growthPerSecond: entry.shownGrowthPerSecond,
                threshold: Int(entry.threshold), overThresholdSeconds: entry.overThresholdSeconds, reason: headline(entry),
                recent: entry.series.values, recentSpan: span(entry, interval: interval))
        }
        let nodes = recent.nodes.map { node(recent, $0) }
        let header = FleetHeader(
            nodesUp: recent.nodes.filter(\.isUp).count, nodesTotal: recent.nodes.count,
            totalQueued: Int(recent.nodes.compactMap(\.queuedMessages).reduce(0, +)),
            alertsFiring: alerts.filter { $0.state == .firing }.count, pollIntervalSeconds: interval.seconds,
            lastCycleMilliseconds: recent.lastCycleSeconds * 1000, paused: paused)
        return DashboardModel(header: header, bottleneck: bottleneck, processes: processes, nodes: nodes, alerts: alerts)
    }

    /// How a process's recent samples line up in time: the window `RecentBacklogs` holds, at the
    /// poll interval, numbered from the epoch so sparkline glyphs group the same samples each frame.
    static func span(_ entry: RankedBacklog, interval: PromDuration) -> SparklineSpan? {
        let step = interval.milliseconds
        guard step > 0, let newest = entry.series.timestamps.last else { return nil }
        return SparklineSpan(samples: Int(RecentBacklogs.windowMilliseconds / step), newestSampleNumber: (newest + step / 2) / step)
    }

    /// Who a row is: an unregistered process goes by the ranking's name for it, its type and pid
    /// (`chat_session:init/1 <0.176.0>`), which is what the dashboard shows in place of a name.
    public static func identity(_ entry: RankedBacklog) -> ProcessIdentity {
        let registered = entry.series.labels["name"] ?? ""
        return ProcessIdentity(node: entry.series.node, pid: entry.series.labels["pid"] ?? "", name: registered.isEmpty ? entry.entity : registered)
    }

    /// Firing when an alert names this process (by name or pid) on its instance.
    public static func alertState(_ entry: RankedBacklog, alerts: [AlertRow]) -> AlertState {
        let name = entry.series.labels["name"] ?? entry.series.labels["pid"] ?? ""
        guard !name.isEmpty else { return .inactive }
        return alerts.first { $0.labelsSummary.contains(name) }?.state ?? .inactive
    }

    public static func node(_ recent: RecentFleet, _ health: NodeHealth) -> NodeRow {
        var problems: NodeProblems = []
        if (health.processUsage ?? 0) >= 0.8 { problems.insert(.processes) }
        if (health.runQueue ?? 0) >= 10 { problems.insert(.runQueue) }
        if (health.schedulerUtilization ?? 0) >= 0.9 { problems.insert(.schedulers) }
        if (health.largestQueue ?? 0) >= (recent.metrics.first?.threshold ?? .infinity) { problems.insert(.queued) }
        if health.scrapeDuration >= 0.5 { problems.insert(.scrape) }
        if health.newSeriesRefused > 0 { problems.insert(.newSeries) }
        let trend = recent.nodeTrends[health.instance] ?? NodeTrend()
        let status: NodeStatus
        switch health.status {
        case .up: status = .up
        case .down(let reason): status = .down(reason: reason)
        }
        return NodeRow(
            name: health.displayName, status: status, processCount: Int(health.processCount ?? 0),
            processLimit: Int(health.processLimit ?? 0), runQueue: Int(health.runQueue ?? 0),
            memoryBytes: health.memoryTotal ?? 0, schedulerUtilization: health.schedulerUtilization ?? 0,
            queuedTotal: Int(health.queuedMessages ?? 0), scrapeMilliseconds: health.scrapeDuration * 1000,
            problems: problems,
            history: NodeHistory(
                runQueue: trend.runQueue, memoryBytes: trend.memoryBytes, schedulerUtilization: trend.schedulerUtilization,
                queuedTotal: trend.queuedTotal, scrapeMilliseconds: trend.scrapeMilliseconds))
    }

    /// The bottleneck panel's sentence. When nothing is over its threshold or on its way there, the
    /// first-ranked process is only the largest mailbox, and the panel must not suggest otherwise.
    static func headline(_ entry: RankedBacklog) -> String {
        guard !entry.isOverThreshold, !entry.isApproaching else { return entry.reason }
        return "Nothing is approaching \(HumanFormat.count(Int(entry.threshold))); the largest: \(entry.reason)"
    }
}
