import Alerting
import Foundation
import History
import Logging
import Probe
import Query
import Synchronization
import TimeSeries

/// Rules and notifications in the agent: evaluates the rules right after each cycle is stored,
/// writes `ALERTS` and recording-rule samples back, keeps alert state on disk, and queues
/// notifications in the outbox for the delivery loop. Alerts that name a process carry its
/// evidence once `EvidenceStage` fetched it.
///
/// Groups that would hold up the next poll run off the poll path, each on a thread of its own
/// (`GroupSchedule` says which and when; `AlertingStage+OffPath`); the poll path stores what
/// they produced with the next cycle and dispatches their alerts with everyone's.
final class AlertingStage: Sendable {
    /// Makes the reader an evaluation reads the history through; tests pass a slow one.
    typealias RuleReader = @Sendable (HistoryStore, SelectionSpans) -> any SeriesReader

    struct State: Sendable {
        var engine: RuleEngine
        var dispatcher: AlertDispatcher
        var watcher: RuleFileWatcher
        var ruleFiles: [String]
        /// What the durable notification log still needs: read back once the history is open,
        /// and swept of receivers a reload removed.
        var logSync: NotificationLogSync = .restore
        /// Which groups run off the poll path, and when they are due.
        var schedule: GroupSchedule
        /// Results of groups evaluated off the poll path, waiting for the next cycle to store
        /// their samples and save the state they changed.
        var handedBack: [EvaluationResult] = []
    }

    let state: Mutex<State>
    let persistence: FileAlertStatePersistence
    let delivery: DeliveryLoop
    /// Fetches the evidence of the processes alerts name, off the poll path.
    let evidence: EvidenceStage
    let logger: Logger
    let metrics: AgentMetrics
    let clock: any LoopClock
    let ruleErrors = Mutex(0)
    /// Each selector's widest window, kept across evaluations so each evaluation's reader reads it once.
    let readSpans = SelectionSpans()
    /// The same for each group off the poll path: its evaluations read as of other times.
    let groupSpans = Mutex<[RuleGroupKey: SelectionSpans]>([:])
    /// The thread of each group off the poll path, started on its first evaluation.
    let runners = Mutex<[RuleGroupKey: ScheduledGroupRunner]>([:])
    let history: @Sendable () -> HistoryStore?
    let reader: RuleReader

    init(
        config: AgentConfig, logger: Logger, metrics: AgentMetrics, history: @escaping @Sendable () -> HistoryStore?,
        transport: DeliveryTransport? = nil, clock: any LoopClock = SystemLoopClock(),
        reader: @escaping RuleReader = { HistorySeriesReader(EvaluationSnapshot($0), spans: $1) }
    ) {
        self.logger = logger
        self.history = history
        self.reader = reader
        self.clock = clock
        self.metrics = metrics
        var rules = RuleSet.empty
        do { rules = try RuleSet.load(paths: config.ruleFiles) } catch {
            logger.error("rule files rejected; running without rules", metadata: ["error": "\(error)"])
        }
        var receivers: [ReceiverConfig] = []
        do { receivers = try AlertingSetup.receivers(config) } catch {
            logger.error("receivers rejected; alerts are not delivered", metadata: ["error": "\(error.description)"])
        }
        let options = AlertingSetup.engineOptions(config)
        var engine = RuleEngine(rules: rules, options: options)
        persistence = FileAlertStatePersistence(path: AlertingSetup.statePath(config))
        let restored = engine.restore(from: persistence, at: clock.now())
        if let problem = restored.problem { logger.warning("alert state not restored", metadata: ["error": "\(problem)"]) }
        // What was already notified comes from the notification log in the history file, read
        // at start or before the first evaluation (`syncNotificationLog`), not from the alert state's
        // `lastSentAt`: an alert handed to delivery may have died in group_wait, or in a failed
        // write, before it reached the outbox.
        var dispatcher = AlertDispatcher(
            receivers: receivers, externalURL: AlertingSetup.externalURL(config), resendDelay: options.resendDelay,
            validity: PromDuration(milliseconds: 4 * max(options.resendDelay.milliseconds, options.cycleInterval.milliseconds)))
        dispatcher.labeling = AlertingSetup.labeling(config)
        state = Mutex(
            State(
                engine: engine, dispatcher: dispatcher, watcher: RuleFileWatcher(patterns: config.ruleFiles), ruleFiles: config.ruleFiles,
                schedule: GroupSchedule(groups: rules.groups, pollInterval: config.scrape.interval)))
        delivery = DeliveryLoop(
            receivers: receivers, history: history, transport: transport ?? CurlDeliveryTransport.make(), logger: logger, metrics: metrics,
            clock: clock)
        evidence = EvidenceStage(timeout: config.scrape.timeout, logger: logger, metrics: metrics, clock: clock, history: history)
        for warning in AlertingSetup.warnings(config) { logger.warning("\(warning)") }
        showGroups()
        logger.info("alerting", metadata: [
            "rules": "\(rules.groups.reduce(0) { $0 + $1.rules.count })", "receivers": "\(receivers.map(\.name).joined(separator: ","))",
            "restored_alerts": "\(restored.restored)",
        ])
    }

    /// Reads the notification log back when the history is open (`store`); with no history
    /// yet, the first cycle that has one reads it.
    func restore(store: HistoryStore?) {
        if let store { syncNotificationLog(store) }
    }

    /// Starts delivery on its own thread.
    func startDelivery() { delivery.start() }

    /// Evaluates the groups on the poll path over the history as of `cycle`, takes in what the
    /// groups off the path handed back, queues notifications for all alerts, stores the rules'
    /// samples in one transaction, saves alert state when it changed, then starts the groups
    /// off the path that are due, as of this cycle.
    func handle(_ cycle: ScrapeCycle, store: HistoryStore?) {
        if state.withLock({ $0.watcher.checkForChanges() }) { reloadRules(reason: "rule files changed") }
        guard let store else { return }
        syncNotificationLog(store)
        let time = cycle.timestamp
        let started = ContinuousClock.now
        let evidence = evidence
        let (result, handedBack, movedOff, alerts, dispatched, snapshot) = state.withLock { state in
            let schedule = state.schedule
            let result = state.engine.evaluate(
                at: time, reader: reader(store, readSpans), groups: { !schedule.runsOffPollPath($0) }, now: clock.now)
            let handedBack = state.handedBack
            state.handedBack = []
            let movedOff = result.groupRuns.filter { state.schedule.inlineRan($0.key, at: time, took: $0.duration) }
            let alerts = state.engine.alerts
            let dispatched = state.dispatcher.step(current: evidence.annotate(alerts), at: time)
            let changed = result.stateChanged || handedBack.contains(where: \.stateChanged)
            return (result, handedBack, movedOff, alerts, dispatched, changed ? state.engine.snapshot(at: time) : nil)
        }
        let elapsed = ContinuousClock.now - started
        TestCrashPoint.beforeEnqueue(dispatched.notifications.count)
        // Queued first, so delivery starts at once, in parallel with the rest; the state is saved
        // before the slower sample append, so a crash rarely finds the outbox ahead of the alert
        // state. What counts as sent is the notification log, written with the outbox rows.
        enqueue(dispatched, store: store, at: time)
        if !dispatched.notifications.isEmpty { delivery.poke() }
        evidence.started(after: alerts, scrapes: cycle.scrapes)
        if let snapshot { save(snapshot) }
        // The groups off the path wrote at their own evaluation times, which each sample carries.
        storeRuleSamples(result.samples + handedBack.flatMap(\.samples), store: store, at: time)
        for error in result.ruleErrors { logger.warning("rule failed", metadata: ["error": "\(error.description)"]) }
        let errors = ruleErrors.withLock { $0 += result.ruleErrors.count; return $0 }
        metrics.update { figures in
            figures.set(.ruleEvaluation, Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
            figures.set(.ruleErrors, Double(errors))
            figures.set(.alertsFiring, Double(alerts.count { $0.state == .firing }))
            figures.set(.alertsPending, Double(alerts.count { $0.state == .pending }))
            for run in result.groupRuns { AlertingStage.record(run, at: time, in: &figures) }
        }
        for run in movedOff {
            logger.warning("rule group moved off the poll path: its evaluations took too long for the poll interval", metadata: [
                "group": "\(run.key.name)", "file": "\(run.key.file)", "took": "\(run.duration)",
            ])
        }
        if !movedOff.isEmpty { showGroups() }
        startDueGroups(at: time)
    }

    /// Appends the rules' samples in one transaction; when that fails they are counted as lost
    /// and logged, like a cycle's.
    func storeRuleSamples(_ samples: [Sample], store: HistoryStore, at time: Timestamp) {
        guard !samples.isEmpty else { return }
        do { try store.append(samples, at: time) } catch {
            metrics.update { $0.add(.samplesLost, Double(samples.count)) }
            logger.error("cannot store rule results", metadata: ["error": "\(error.description)", "samples": "\(samples.count)"])
        }
    }

    private func save(_ snapshot: AlertStateSnapshot) {
        do { try persistence.save(snapshot) } catch {
            logger.error("cannot save alert state", metadata: ["error": "\(error.description)"])
        }
    }

    /// Re-reads the rule files; when any is invalid, it is reported and the old rules keep running.
    func reloadRules(reason: String) {
        let paths = state.withLock { $0.ruleFiles }
        do {
            let report = try state.withLock { (state) throws(RuleFileErrors) -> ReloadReport in
                let report = try state.engine.reload(paths: paths)
                state.schedule.update(groups: state.engine.rules.groups, pollInterval: state.schedule.pollInterval)
                return report
            }
            scheduleChanged()
            logger.info("rules reloaded", metadata: ["reason": "\(reason)", "kept": "\(report.kept)", "added": "\(report.added)", "removed": "\(report.removed)"])
        } catch {
            logger.error("rule files rejected; the running rules stay", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }

    /// Applies a new config: its rule files and its receivers (a bad receivers section is
    /// reported and the running receivers stay).
    func reload(_ config: AgentConfig) {
        state.withLock { state in
            state.ruleFiles = config.ruleFiles
            state.watcher = RuleFileWatcher(patterns: config.ruleFiles)
            state.dispatcher.labeling = AlertingSetup.labeling(config)
            state.schedule.update(groups: state.engine.rules.groups, pollInterval: config.scrape.interval)
        }
        reloadRules(reason: "config reloaded")
        do {
            let receivers = try AlertingSetup.receivers(config)
            state.withLock { state in
                state.dispatcher.update(receivers)
                if state.logSync == .done { state.logSync = .prune }
            }
            delivery.update(receivers)
        } catch {
            logger.error("receivers rejected; the running receivers stay", metadata: ["error": "\(error.description)"])
        }
    }

    /// Stops delivery and the groups off the poll path (each after its evaluation in flight),
    /// stores what they handed back, and saves the alert state.
    func stop() {
        delivery.stop()
        evidence.stop()
        stopGroups()
        save(state.withLock { $0.engine.snapshot(at: clock.now()) })
    }

    /// The engine's alerts, for `/api/v1/alerts`.
    var alerts: [Alert] { evidence.annotate(state.withLock { $0.engine.alerts }) }

    /// The engine's alerts with where each firing one was delivered or is still queued.
    var snapshot: AlertsSnapshot {
        let (alerts, dispatcher) = state.withLock { ($0.engine.alerts, $0.dispatcher) }
        let receipts = delivery.receipts.withLock { $0 }
        return AlertsSnapshot(alerts: evidence.annotate(alerts), deliveries: dispatcher.deliveries(of: alerts, receipts: receipts))
    }
}
