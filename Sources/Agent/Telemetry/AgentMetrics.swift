import Synchronization
public import TimeSeries

/// The agent's own figures, served on `/metrics` so Prometheus can watch the watcher. Every
/// family is declared in `MetricFamily+Agent` with its type and help.
public final class AgentMetrics: Sendable {
    private let samples = Mutex(MetricSamples())

    public init() {
        samples.withLock { samples in
            for family in MetricFamily.shownFromStart { samples.set(family, 0) }
            samples.set(.storeHealthy, 1)
        }
    }

    /// Changes several figures at once, so a scrape never sees half a cycle.
    func update(_ body: (inout MetricSamples) -> Void) { samples.withLock { body(&$0) } }

    /// Sets a gauge (or a counter kept elsewhere).
    func set(_ family: MetricFamily, _ value: Double, labels: Labels = Labels()) {
        samples.withLock { $0.set(family, value, labels: labels) }
    }

    /// A figure now; nil when it was never reported.
    public func value(_ family: MetricFamily, labels: Labels = Labels()) -> Double? {
        samples.withLock { $0.value(family, labels: labels) }
    }

    /// Whether the last write to the history worked.
    public var storeHealthy: Bool { value(.storeHealthy) != 0 }

    /// The Prometheus text exposition of every figure.
    public func render() -> String { samples.withLock { $0.render() } }
}
