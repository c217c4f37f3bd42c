import Synchronization
import TimeSeries

/// The agent's own figures, served on `/metrics` so Prometheus can watch the watcher.
public final class AgentMetrics: Sendable {
    struct Figures {
        var cycles = 0
        var missedTicks = 0
        var lastCycleSeconds = 0.0
        var scrapesUp = 0
        var scrapesDown = 0
        var samplesScraped = 0
        var targets = 0
        var targetsUp = 0
        var storeAppends = 0
        var storeFailures = 0
        var storeHealthy = true
        var samplesStored = 0
        var samplesLost = 0
        var outOfOrderRejected = 0
        var duplicatesRejected = 0
        var lastStoreSeconds = 0.0
        var configProblems = 0
        var extra: [String: Double] = [:]
    }

    private let figures = Mutex(Figures())

    public init() {}

    func update(_ body: (inout Figures) -> Void) { figures.withLock { body(&$0) } }

    func read() -> Figures { figures.withLock { $0 } }

    /// Sets a gauge the agent's later stages report, such as rule evaluation time or outbox depth.
    public func set(_ name: String, _ value: Double) { figures.withLock { $0.extra[name] = value } }

    /// Whether the last write to the history worked.
    public var storeHealthy: Bool { read().storeHealthy }

    /// The Prometheus text exposition of every figure.
    public func render() -> String {
        let f = read()
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(String, Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (labels, value) in samples { out += "\(name)\(labels) \(SampleValueFormat.text(value))\n" }
        }
        family("backlog_cycles_total", "counter", "Poll cycles run.", [("", Double(f.cycles))])
        family("backlog_missed_ticks_total", "counter", "Poll ticks skipped because a cycle overran.", [("", Double(f.missedTicks))])
        family("backlog_cycle_duration_seconds", "gauge", "Wall time of the last poll cycle.", [("", f.lastCycleSeconds)])
        family("backlog_scrapes_total", "counter", "Target scrapes by result.",
               [("{result=\"up\"}", Double(f.scrapesUp)), ("{result=\"down\"}", Double(f.scrapesDown))])
        family("backlog_targets", "gauge", "Targets polled in the last cycle.", [("", Double(f.targets))])
        family("backlog_targets_up", "gauge", "Targets that answered in the last cycle.", [("", Double(f.targetsUp))])
        family("backlog_samples_scraped_total", "counter", "Samples read from targets.", [("", Double(f.samplesScraped))])
        family("backlog_store_appends_total", "counter", "Poll cycles written to the history.", [("", Double(f.storeAppends))])
        family("backlog_store_failures_total", "counter", "Poll cycles the history failed to store.", [("", Double(f.storeFailures))])
        family("backlog_store_healthy", "gauge", "1 when the last write to the history worked.", [("", f.storeHealthy ? 1 : 0)])
        family("backlog_samples_stored_total", "counter", "Samples written to the history.", [("", Double(f.samplesStored))])
        family("backlog_samples_lost_total", "counter", "Samples not stored because the history failed.", [("", Double(f.samplesLost))])
        family("backlog_samples_rejected_total", "counter", "Samples the history rejected, by reason.",
               [("{reason=\"out_of_order\"}", Double(f.outOfOrderRejected)), ("{reason=\"duplicate\"}", Double(f.duplicatesRejected))])
        family("backlog_store_duration_seconds", "gauge", "Time the last history append took.", [("", f.lastStoreSeconds)])
        family("backlog_config_problems_total", "counter", "Problems found in targets files while running.", [("", Double(f.configProblems))])
        for name in f.extra.keys.sorted() {
            family(name, name.hasSuffix("_total") ? "counter" : "gauge", "Reported by the agent's \(name.split(separator: "_").dropFirst().first ?? "") stage.", [("", f.extra[name]!)])
        }
        return out
    }
}
