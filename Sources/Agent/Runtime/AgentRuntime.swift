import Foundation
public import Alerting
public import Logging
public import History
public import Probe
import RemoteWrite
import Synchronization
public import TimeSeries

/// The agent: polls every target on the interval grid, stores each cycle in the history, and
/// hands the cycle on to whatever runs after storing (rules, the dashboard). Once started, cycles
/// are stored on a thread of their own, so a slow store does not cost the poll loop its ticks.
///
/// A failing store never stops polling: the cycle is counted as lost, the failure is logged once
/// per distinct error and shown on `/metrics`, and the store is reopened every few cycles.
/// Time comes from a `LoopClock`; a test passes a manual one, or calls `runCycle(at:)` as a step
/// without starting the threads.
public final class AgentRuntime: Sendable {
    /// Runs after each cycle is stored (or failed to store), on the thread that stores cycles.
    public typealias CycleObserver = @Sendable (ScrapeCycle) -> Void

    /// Cycles between attempts to reopen a history that failed to open.
    static let reopenEveryCycles = 10

    public let metrics = AgentMetrics()
    private let logger: Logger
    private let clock: any LoopClock
    private let state: Mutex<RuntimeState>
    private let observers: Mutex<[CycleObserver]> = Mutex([])
    private let loop: Mutex<ScrapeLoop?> = Mutex(nil)
    /// Takes polled cycles off the poll thread once `start()` ran; a step handles its cycle itself.
    private let handoff: Mutex<CycleHandoff?> = Mutex(nil)
    /// Rules and notifications, when the config has rule files or receivers.
    private let alerting: Mutex<AlertingStage?> = Mutex(nil)
    /// Remote-write senders, when the config has `remote_write`.
    private let remoteWrite = RemoteWriteStage()
    /// Loads the exporter into the `erlang_nodes`, at start and after a node restarts.
    private let attach: NodeAttachStage

    /// How rule evaluations read the history; tests pass a slow reader.
    private let ruleReader: AlertingStage.RuleReader?

    public convenience init(config: AgentConfig, logger: Logger, clock: any LoopClock = SystemLoopClock()) {
        self.init(config: config, logger: logger, clock: clock, ruleReader: nil)
    }

    init(config: AgentConfig, logger: Logger, clock: any LoopClock, ruleReader: AlertingStage.RuleReader?) {
        self.logger = logger
        self.clock = clock
        self.ruleReader = ruleReader
        state = Mutex(RuntimeState(config: config))
        attach = NodeAttachStage(clock: clock, logger: logger, metrics: metrics)
        showShard(config.scrape.shard)
    }

    /// The config in force.
    public var config: AgentConfig { state.withLock { $0.config } }

    /// Node health from the last cycle, in target order.
    public var nodes: [NodeHealth] { state.withLock { $0.nodes } }

    /// The pending and firing alerts now, for the dashboard.
    public var alerts: [Alert] { alerting.withLock { $0 }?.alerts ?? [] }

    /// The pending and firing alerts now, with the receivers each was delivered to, for the
    /// dashboard's alerts panel.
    public var alertsSnapshot: AlertsSnapshot { alerting.withLock { $0 }?.snapshot ?? AlertsSnapshot() }

    /// `/api/v1/alerts` in Prometheus's shape: the pending and firing alerts, with `deliveredTo`,
    /// `refusedBy` and `queuedFor`.
    func alertsJSON() -> String {
        let snapshot = alertsSnapshot
        return AlertsAPIPayload.encoded(snapshot.alerts, deliveries: snapshot.deliveries)
    }

    /// Adds a stage that runs after every cycle.
    public func observeCycles(_ observer: @escaping CycleObserver) { observers.withLock { $0.append(observer) } }

    /// Opens the history (a failure is reported, not fatal), starts delivery and starts polling.
    public func start() {
        let loop = prepare()
        state.withLock { $0.running = true }
        alerting.withLock { $0 }?.startDelivery()
        let config = config
        startRemoteWrite(config)
        var metadata: Logger.Metadata = [
            "targets": "\(config.scrape.groups.reduce(0) { $0 + $1.endpoints.count })",
            "interval": "\(config.scrape.interval)", "history": "\(config.historyPath)",
        ]
        if !config.scrape.shard.isWhole { metadata["shard"] = "\(config.scrape.shard.index) of \(config.scrape.shard.total)" }
        logger.info("polling", metadata: metadata)
        handoff.withLock { $0 = CycleHandoff(clock: clock) { [weak self] cycle in self?.handle(cycle) } }
        loop.start()
    }

    /// One poll cycle stamped `time` on the calling thread: polls, stores, evaluates the rules and
    /// queues notifications, then hands the cycle on. Needs no `start()`: a test steps with it.
    public func runCycle(at time: Timestamp) {
        prepare().runCycle(at: time)
    }

    /// Applies a new config from the next cycle on (targets, interval, timeout).
    public func reload(_ newConfig: AgentConfig) {
        let oldShard = state.withLock { state in
            defer { state.config = newConfig }
            return state.config.scrape.shard
        }
        loop.withLock { $0?.reload(newConfig.scrape) }
        if newConfig.scrape.shard != oldShard {
            logger.info("shard changed; targets move from the next cycle", metadata: [
                "from": "\(oldShard.index) of \(oldShard.total)",
                "to": "\(newConfig.scrape.shard.index) of \(newConfig.scrape.shard.total)",
            ])
        }
        if let stage = alerting.withLock({ $0 }) {
            stage.reload(newConfig)
        } else if let stage = startAlerting(newConfig), state.withLock({ $0.running }) {
            stage.startDelivery()
        }
        reloadRemoteWrite(newConfig)
        attach.apply(newConfig)
        logger.info("config reloaded", metadata: ["file": "\(newConfig.path)"])
    }

    /// Lets the cycle in flight finish, stops delivery, saves alert state, then closes the history.
    public func stop() {
        loop.withLock { $0 }?.stop()
        handoff.withLock { $0 }?.drain()
        alerting.withLock { $0 }?.stop()
        stopRemoteWrite()
        attach.stop()
        state.withLock { state in
            state.store?.close()
            state.store = nil
            state.running = false
        }
        logger.info("stopped")
    }

    /// Starts a sender per `remote_write` endpoint and wakes them after every stored cycle.
    private func startRemoteWrite(_ config: AgentConfig) {
        remoteWrite.start(config, metrics: metrics, logger: logger) { CurlRemoteWriteTransport.make() }
    }

    /// Restarts the senders when the endpoints changed. The history keeps the log only when it
    /// was opened with remote write on, so turning it on or off reopens the history.
    private func reloadRemoteWrite(_ config: AgentConfig) {
        guard remoteWrite.differs(from: config) else { return }
        remoteWrite.stop()
        let reopen = state.withLock { state in
            guard let store = state.store, store.options.remoteWriteLog != config.history.remoteWriteLog else { return false }
            store.close()
            state.store = nil
            return true
        }
        if reopen { openStore() }
        startRemoteWrite(config)
    }

    /// Stops every sender after its attempt in flight.
    private func stopRemoteWrite() { remoteWrite.stop() }

    /// The poll loop, made on first use with the history opened and alerting set up.
    private func prepare() -> ScrapeLoop {
        // Under the loop's lock, so a step and `start()` racing open the history once.
        loop.withLock { loop in
            if let loop { return loop }
            let config = config
            openStore()
            startAlerting(config)
            attach.apply(config)
            let made = ScrapeLoop(config: config.scrape, clock: clock) { [self] cycle in
                if let handoff = handoff.withLock({ $0 }) { handoff.submit(cycle) } else { handle(cycle) }
            }
            loop = made
            return made
        }
    }

    /// The open history, if any.
    var historyStore: HistoryStore? { state.withLock { $0.store } }

    /// The open history, for the HTTP API's reads of recent windows from memory; nil while the
    /// history is not open.
    public var apiStore: HistoryStore? { historyStore }

    /// The rules in force and the alerts the engine holds, for `/api/v1/rules`; nil when the
    /// agent runs no rules.
    public var ruleStatus: (rules: RuleSet, alerts: [Alert])? {
        guard let stage = alerting.withLock({ $0 }) else { return nil }
        return stage.state.withLock { ($0.engine.rules, $0.engine.alerts) }
    }

    /// Sets up rules and delivery when the config has rule files or receivers; what the
    /// notification log says was delivered is read back here, before the first cycle.
    @discardableResult
    private func startAlerting(_ config: AgentConfig) -> AlertingStage? {
        guard !config.ruleFiles.isEmpty || config.receivers != nil else { return nil }
        let history: @Sendable () -> HistoryStore? = { [weak self] in self?.state.withLock { $0.store } }
        let stage =
            if let ruleReader {
                AlertingStage(config: config, logger: logger, metrics: metrics, history: history, clock: clock, reader: ruleReader)
            } else {
                AlertingStage(config: config, logger: logger, metrics: metrics, history: history, clock: clock)
            }
        // Read back before the stage is published, so no answer sees the restored alerts
        // without their receipts.
        stage.restore(store: state.withLock { $0.store })
        alerting.withLock { $0 = stage }
        return stage
    }

    /// Stores the cycle, records what happened, and hands it on.
    private func handle(_ stored: ScrapeCycle) {
        var cycle = stored
        let transitions = state.withLock { state in state.recordTargets(cycle.scrapes) }
        for (scrape, isUp) in transitions { logTransition(scrape, isUp: isUp) }
        for problem in cycle.configProblems {
            logger.error("targets file rejected; its last good contents stay in use", metadata: ["error": "\(problem)"])
        }
        cycle.newSeriesRefused = store(cycle)
        reportRefusals(cycle.newSeriesRefused)
        let nodes = cycle.nodeHealth
        alerting.withLock { $0 }?.handle(cycle, store: state.withLock { $0.store })
        let missed = loop.withLock { $0?.missedTicks ?? 0 }
        let up = cycle.scrapes.filter(\.isUp).count
        let overLimits = LimitCounts(cycle)
        metrics.update { figures in
            figures.add(.cycles)
            figures.set(.missedTicks, Double(missed))
            figures.set(.cycleDuration, cycle.duration)
            figures.set(.targets, Double(cycle.scrapes.count))
            figures.set(.targetsUp, Double(up))
            figures.set(.targetsOtherShards, Double(cycle.otherShardsTargets.count))
            figures.set(.shardIndex, Double(cycle.shard.index))
            figures.set(.shardTotal, Double(cycle.shard.total))
            figures.add(.scrapes, Double(up), labels: Labels(["result": "up"]))
            figures.add(.scrapes, Double(cycle.scrapes.count - up), labels: Labels(["result": "down"]))
            // Only what was kept: a scrape over sample_limit reports its count, but stored nothing.
            figures.add(.samplesScraped, Double(cycle.scrapes.reduce(0) { $0 + ($1.isUp ? $1.scrapedSampleCount : 0) }))
            figures.add(.configProblems, Double(cycle.configProblems.count))
            figures.add(.scrapesExceededSampleLimit, Double(overLimits.sample))
            figures.add(.scrapesExceededLabelLimits, Double(overLimits.labels))
            figures.add(.exceededTargetLimit, Double(overLimits.targetGroups))
        }
        state.withLock { $0.nodes = nodes }
        remoteWrite.wake()
        attach.observe(cycle)
        for observer in observers.withLock({ $0 }) { observer(cycle) }
    }

    /// Shows the shard in force on `/metrics` before the first cycle reports it.
    private func showShard(_ shard: Shard) {
        metrics.update { figures in
            figures.set(.shardIndex, Double(shard.index))
            figures.set(.shardTotal, Double(shard.total))
        }
    }

    private func logTransition(_ scrape: TargetScrape, isUp: Bool) {
        if isUp {
            logger.info("target up", metadata: ["target": "\(scrape.target.url)", "job": "\(scrape.target.job)"])
        } else {
            logger.warning("target down", metadata: [
                "target": "\(scrape.target.url)", "job": "\(scrape.target.job)",
                "reason": "\(scrape.error?.reason ?? "unknown")",
            ])
        }
    }

    private func openStore() {
        let config = config
        do {
            let store = try HistoryStore(path: config.historyPath, options: AlertingSetup.historyOptions(config))
            state.withLock {
                $0.store = store
                $0.lastStoreError = nil
            }
            metrics.set(.storeHealthy, 1)
            logger.info("history open", metadata: ["file": "\(config.historyPath)"])
        } catch {
            reportStoreFailure(error)
        }
    }

    /// Appends one cycle in one transaction; on failure the cycle's samples are counted as lost.
    /// Returns the new series the series budget refused, by target URL.
    @discardableResult
    private func store(_ cycle: ScrapeCycle) -> [String: Int] {
        let (store, cyclesSinceFailure) = state.withLock { state in
            state.cyclesWithoutStore += state.store == nil ? 1 : 0
            return (state.store, state.cyclesWithoutStore)
        }
        guard let store else {
            metrics.update { figures in
                figures.add(.storeFailures)
                figures.add(.samplesLost, Double(cycle.allSamples.count))
            }
            if cyclesSinceFailure % Self.reopenEveryCycles == 0 { openStore() }
            return [:]
        }
        let samples = cycle.allSamples
        let started = MonotonicClock.nanoseconds()
        do {
            let sources = cycle.sampleSources.map { SampleSource(name: $0.target, count: $0.count) }
            let summary = try store.append(samples, at: cycle.timestamp, sources: sources)
            let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
            let recovered = state.withLock { state in
                defer { state.lastStoreError = nil }
                return state.lastStoreError != nil
            }
            if recovered { logger.info("history writes work again", metadata: ["file": "\(store.path)"]) }
            metrics.update { figures in
                figures.add(.storeAppends)
                figures.set(.storeHealthy, 1)
                figures.add(.samplesStored, Double(summary.appended))
                figures.add(.samplesRejected, Double(summary.outOfOrder), labels: Labels(["reason": "out_of_order"]))
                figures.add(.samplesRejected, Double(summary.duplicates), labels: Labels(["reason": "duplicate"]))
                figures.set(.storeDuration, seconds)
                figures.set(.seriesBudget, Double(store.options.seriesBudget.maxSeries))
                figures.set(.seriesLive, Double(summary.liveSeries))
                figures.add(.seriesRefusedSamples, Double(summary.refusedSamples))
                for (target, count) in summary.refusedSeries {
                    figures.add(.seriesRefused, Double(count), labels: Labels(["target": target]))
                }
            }
            return summary.refusedSeries
        } catch {
            metrics.update { figures in
                figures.add(.storeFailures)
                figures.add(.samplesLost, Double(samples.count))
            }
            reportStoreFailure(error)
            return [:]
        }
    }

    /// Logs once when a target's new series start being refused and once when they are taken again.
    private func reportRefusals(_ refused: [String: Int]) {
        let (started, ended) = state.withLock { $0.recordRefusals(refused) }
        let budget = historyStore?.options.seriesBudget.maxSeries ?? 0
        for target in started {
            logger.warning("series budget: refusing new series of a target adding far more than its share", metadata: [
                "target": "\(target)", "new_series": "\(refused[target] ?? 0)", "max_series": "\(budget)",
            ])
        }
        for target in ended {
            logger.info("series budget: new series of the target are stored again", metadata: ["target": "\(target)"])
        }
        metrics.set(.seriesBudgetRefusing, Double(refused.count))
    }

    /// Logs a store error once per distinct message and marks the store unhealthy.
    private func reportStoreFailure(_ error: HistoryError) {
        let isNew = state.withLock { state in
            defer { state.lastStoreError = error.description }
            return state.lastStoreError != error.description
        }
        metrics.set(.storeHealthy, 0)
        if isNew {
            logger.error("history failing; polling and alerting continue", metadata: ["error": "\(error.description)"])
        }
    }
}
