public import Agent
public import Dashboard
public import Probe
public import Ranking
public import TimeSeries

/// Turns what the agent knows into what the dashboard draws: the mapping `backlog watch` and
/// `backlog demo` use each frame, kept here (not in the executable) so the render benchmark
/// draws exactly what users see.
public enum DashboardModelBuilder {
    /// The dashboard's model for the agent's recent figures and the alerts panel's rows, with the
    /// queue of `openProcess` over the window held when the process view shows one.
    public static func model(recent: RecentFleet, interval: PromDuration, alerts: [AlertRow], paused: Bool,
                             openProcess: ProcessIdentity? = nil) -> DashboardModel {
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
        var model = DashboardModel(header: header, bottleneck: bottleneck, processes: processes, nodes: nodes, alerts: alerts)
        if let openProcess {
            let entry = ranking.first { identity($0).isSameProcess(as: openProcess) }
            let queue = entry.map { entry in
                zip(entry.series.timestamps, entry.series.values).map { ChartPoint(time: Timestamp(milliseconds: $0), value: $1) }
            }
            model.openProcess = OpenProcess(process: entry.map(identity) ?? openProcess, queue: queue ?? [])
        }
        return model
    }

    /// How a process's recent samples line up in time: the window `RecentBacklogs` holds, at the
    /// poll interval, numbered from the epoch so sparkline glyphs group the same samples each frame.
    static func span(_ entry: RankedBacklog, interval: PromDuration) -> SparklineSpan? {
        let step = interval.milliseconds
        guard step > 0, let newest = entry.series.timestamps.last else { return nil }
        return SparklineSpan(samples: Int(RecentBacklogs.windowMilliseconds / step), newestSampleNumber: (newest + step / 2) / step)
    }

    /// Who a row is: an unregistered process shows as its type and pid (`chat_session:init/1 <0.176.0>`),
    /// a process type as the ranking names it.
    public static func identity(_ entry: RankedBacklog) -> ProcessIdentity {
        let labels = entry.series.labels
        let pid = labels["pid"] ?? ""
        // A process type has no pid: its row goes by the ranking's name for it (`chat_session:init/1 ×10,000`).
        let name = pid.isEmpty && (labels["name"] ?? "").isEmpty ? entry.entity : labels["name"] ?? ""
        return ProcessIdentity(node: entry.series.node, pid: pid, name: name, initialCall: labels["initial_call"] ?? "",
                               instance: labels["instance"] ?? "")
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
                queuedTotal: trend.queuedTotal, scrapeMilliseconds: trend.scrapeMilliseconds),
            processTypes: health.processTypes.map {
                ProcessTypeRow(initialCall: $0.initialCall, queued: Int($0.queued.rounded()), largestQueue: Int($0.largestQueue.rounded()),
                               processes: Int($0.processes.rounded()))
            },
            links: health.distributionLinks.map { DistributionLinkRow(peer: $0.peer, queuedBytes: $0.queuedBytes, isBusy: $0.isBusy) })
    }

    /// The bottleneck panel's sentence. When nothing is over its threshold or on its way there, the
    /// first-ranked process is only the largest mailbox, and the panel must not suggest otherwise.
    static func headline(_ entry: RankedBacklog) -> String {
        guard !entry.isOverThreshold, !entry.isApproaching else { return entry.reason }
        return "Nothing is approaching \(HumanFormat.count(Int(entry.threshold))); the largest: \(entry.reason)"
    }
}
