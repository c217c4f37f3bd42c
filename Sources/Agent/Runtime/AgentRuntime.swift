import Foundation
public import Logging
public import History
public import Probe
import Synchronization
public import TimeSeries

/// The agent: polls every target on the interval grid, stores each cycle in the history, and
/// hands the cycle on to whatever runs after storing (rules, the dashboard).
///
/// A failing store never stops polling: the cycle is counted as lost, the failure is logged once
/// per distinct error and shown on `/metrics`, and the store is reopened every few cycles.
public final class AgentRuntime: Sendable {
    /// Runs after each cycle is stored (or failed to store), on the poll thread.
    public typealias CycleObserver = @Sendable (ScrapeCycle) -> Void

    public let metrics = AgentMetrics()
    let logger: Logger
    let state: Mutex<RuntimeState>
    let observers: Mutex<[CycleObserver]> = Mutex([])
    let loop: Mutex<ScrapeLoop?> = Mutex(nil)
    /// Rules and notifications, when the config has rule files or receivers.
    let alerting: Mutex<AlertingStage?> = Mutex(nil)
    /// Remote-write senders, when the config has `remote_write`.
    let remoteWrite = RemoteWriteStage()
    let remoteWriteObserved = Atomic<Bool>(false)

    public init(config: AgentConfig, logger: Logger) {
        self.logger = logger
        state = Mutex(RuntimeState(config: config))
    }

    /// The config in force.
    public var config: AgentConfig { state.withLock { $0.config } }

    /// Node health from the last cycle, in target order.
    public var nodes: [NodeHealth] { state.withLock { $0.nodes } }

    /// Adds a stage that runs after every cycle.
    public func observeCycles(_ observer: @escaping CycleObserver) { observers.withLock { $0.append(observer) } }

    /// Opens the history (a failure is reported, not fatal) and starts polling.
    public func start() {
        let config = config
        openStore()
        startAlerting(config)
        startRemoteWrite(config)
        let loop = ScrapeLoop(config: config.scrape) { [self] cycle in handle(cycle) }
        self.loop.withLock { $0 = loop }
        logger.info("polling", metadata: [
            "targets": "\(config.scrape.groups.reduce(0) { $0 + $1.endpoints.count })",
            "interval": "\(config.scrape.interval)", "history": "\(config.historyPath)",
        ])
        loop.start()
    }

    /// Applies a new config from the next cycle on (targets, interval, timeout).
    public func reload(_ newConfig: AgentConfig) {
        state.withLock { $0.config = newConfig }
        loop.withLock { $0?.reload(newConfig.scrape) }
        if let stage = alerting.withLock({ $0 }) { stage.reload(newConfig) } else { startAlerting(newConfig) }
        reloadRemoteWrite(newConfig)
        logger.info("config reloaded", metadata: ["file": "\(newConfig.path)"])
    }

    /// Lets the cycle in flight finish, stops delivery, saves alert state, then closes the history.
    public func stop() {
        loop.withLock { $0 }?.stop()
        alerting.withLock { $0 }?.stop()
        stopRemoteWrite()
        state.withLock { state in
            state.store?.close()
            state.store = nil
        }
        logger.info("stopped")
    }

    /// Stores the cycle, records what happened, and hands it on.
    func handle(_ cycle: ScrapeCycle) {
        let nodes = cycle.scrapes.map(NodeHealth.init(scrape:))
        let transitions = state.withLock { state in state.recordTargets(cycle.scrapes) }
        for (scrape, isUp) in transitions { logTransition(scrape, isUp: isUp) }
        for problem in cycle.configProblems {
            logger.error("targets file rejected; its last good contents stay in use", metadata: ["error": "\(problem)"])
        }
        store(cycle)
        alerting.withLock { $0 }?.handle(cycle, store: state.withLock { $0.store })
        let missed = loop.withLock { $0?.missedTicks ?? 0 }
        let up = cycle.scrapes.filter(\.isUp).count
        metrics.update { figures in
            figures.add(.cycles)
            figures.set(.missedTicks, Double(missed))
            figures.set(.cycleDuration, cycle.duration)
            figures.set(.targets, Double(cycle.scrapes.count))
            figures.set(.targetsUp, Double(up))
            figures.add(.scrapes, Double(up), labels: Labels(["result": "up"]))
            figures.add(.scrapes, Double(cycle.scrapes.count - up), labels: Labels(["result": "down"]))
            figures.add(.samplesScraped, Double(cycle.scrapes.reduce(0) { $0 + $1.scrapedSampleCount }))
            figures.add(.configProblems, Double(cycle.configProblems.count))
        }
        state.withLock { $0.nodes = nodes }
        for observer in observers.withLock({ $0 }) { observer(cycle) }
    }

    func logTransition(_ scrape: TargetScrape, isUp: Bool) {
        if isUp {
            logger.info("target up", metadata: ["target": "\(scrape.target.url)", "job": "\(scrape.target.job)"])
        } else {
            logger.warning("target down", metadata: [
                "target": "\(scrape.target.url)", "job": "\(scrape.target.job)",
                "reason": "\(scrape.error?.reason ?? "unknown")",
            ])
        }
    }
}
