import Alerting
import Foundation
import History
import Logging
import Probe
import Synchronization
import TimeSeries

/// Rules and notifications in the agent: evaluates the rules right after each cycle is stored,
/// writes `ALERTS` and recording-rule samples back, keeps alert state on disk, and queues
/// notifications in the outbox for the delivery loop.
final class AlertingStage: Sendable {
    struct State: Sendable {
        var engine: RuleEngine
        var dispatcher: AlertDispatcher
        var watcher: RuleFileWatcher
        var ruleFiles: [String]
        /// What the durable notification log still needs: read back once the history is open,
        /// and swept of receivers a reload removed.
        var logSync: NotificationLogSync = .restore
    }

    let state: Mutex<State>
    let persistence: FileAlertStatePersistence
    let delivery: DeliveryLoop
    let logger: Logger
    let metrics: AgentMetrics
    let clock: any LoopClock
    let ruleErrors = Mutex(0)
    /// Each selector's widest window, kept across evaluations so each evaluation's reader reads it once.
    let readSpans = SelectionSpans()

    init(
        config: AgentConfig, logger: Logger, metrics: AgentMetrics, history: @escaping @Sendable () -> HistoryStore?,
        transport: DeliveryTransport? = nil, clock: any LoopClock = SystemLoopClock()
    ) {
        self.logger = logger
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
        state = Mutex(State(engine: engine, dispatcher: dispatcher, watcher: RuleFileWatcher(patterns: config.ruleFiles), ruleFiles: config.ruleFiles))
        delivery = DeliveryLoop(
            receivers: receivers, history: history, transport: transport ?? CurlDeliveryTransport.make(), logger: logger, metrics: metrics,
            clock: clock)
        for warning in AlertingSetup.warnings(config) { logger.warning("\(warning)") }
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

    /// Evaluates the rules over the history as of `cycle`, queues notifications, stores the
    /// rules' samples and saves alert state when it changed.
    func handle(_ cycle: ScrapeCycle, store: HistoryStore?) {
        if state.withLock({ $0.watcher.checkForChanges() }) { reloadRules(reason: "rule files changed") }
        guard let store else { return }
        syncNotificationLog(store)
        let started = ContinuousClock.now
        let (result, alerts, dispatched, snapshot) = state.withLock { state in
            let result = state.engine.evaluate(at: cycle.timestamp, reader: HistorySeriesReader(store, spans: readSpans))
            let alerts = state.engine.alerts
            let dispatched = state.dispatcher.step(current: alerts, at: cycle.timestamp)
            return (result, alerts, dispatched, result.stateChanged ? state.engine.snapshot(at: cycle.timestamp) : nil)
        }
        let elapsed = ContinuousClock.now - started
        TestCrashPoint.beforeEnqueue(dispatched.notifications.count)
        // Queued first, so delivery starts at once, in parallel with the rest; the state is saved
        // before the slower sample append, so a crash rarely finds the outbox ahead of the alert
        // state. What counts as sent is the notification log, written with the outbox rows.
        enqueue(dispatched, store: store, at: cycle.timestamp)
        if !dispatched.notifications.isEmpty { delivery.poke() }
        if let snapshot { save(snapshot) }
        if !result.samples.isEmpty {
            do { try store.append(result.samples, at: cycle.timestamp) } catch {
                logger.error("cannot store rule results", metadata: ["error": "\(error.description)"])
            }
        }
        for error in result.ruleErrors { logger.warning("rule failed", metadata: ["error": "\(error.description)"]) }
        let errors = ruleErrors.withLock { $0 += result.ruleErrors.count; return $0 }
        metrics.update { figures in
            figures.set(.ruleEvaluation, Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
            figures.set(.ruleErrors, Double(errors))
            figures.set(.alertsFiring, Double(alerts.count { $0.state == .firing }))
            figures.set(.alertsPending, Double(alerts.count { $0.state == .pending }))
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
            let report = try state.withLock { (state) throws(RuleFileErrors) -> ReloadReport in try state.engine.reload(paths: paths) }
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

    /// Stops delivery and saves the alert state.
    func stop() {
        delivery.stop()
        save(state.withLock { $0.engine.snapshot(at: clock.now()) })
    }

    /// The engine's alerts, for `/api/v1/alerts`.
    var alerts: [Alert] { state.withLock { $0.engine.alerts } }

    /// The engine's alerts with where each firing one was delivered or is still queued.
    var snapshot: AlertsSnapshot {
        let (alerts, dispatcher) = state.withLock { ($0.engine.alerts, $0.dispatcher) }
        let receipts = delivery.receipts.withLock { $0 }
        return AlertsSnapshot(alerts: alerts, deliveries: dispatcher.deliveries(of: alerts, receipts: receipts))
    }
}
