import Dashboard
import DashboardFeed
import Foundation
import Query
import Ranking
import Synchronization
import TimeSeries

/// `watch --source`: the dashboard over what a Prometheus-compatible store holds, for every node
/// it knows, without polling any target.
///
/// A reader thread reads what is new each interval into a `SourceFleet` and the source's alerts
/// (from `/api/v1/alerts`, where it has one); the same `DashboardLoop` draws the same model.
final class SourceDashboardSession: Sendable {
    let settings: SourceSettings
    let api: PrometheusAPI
    let interval: PromDuration
    private let fleet: Mutex<SourceFleet>
    private let alerts = Mutex<[AlertRow]>([])
    private let stopped = Atomic(false)

    init(settings: SourceSettings, metrics: [BacklogMetric], interval: PromDuration) {
        self.settings = settings
        api = settings.api()
        self.interval = interval
        fleet = Mutex(SourceFleet(metrics: metrics))
    }

    /// Backfills, then draws until the user quits; a source that cannot be read at the start is an error.
    func run() async throws {
        do { try readOnce() } catch { throw CommandFailure(error.description) }
        let reader = Thread { [self] in readUntilStopped() }
        reader.start()
        defer { stopped.store(true, ordering: .relaxed) }
        let loop = DashboardLoop(model: model(paused:openProcess:))
        if TerminalSession.isTerminal(STDOUT_FILENO) && TerminalSession.isTerminal(STDIN_FILENO) {
            try loop.drawUntilQuit()
        } else {
            await loop.printReports(every: interval)
        }
    }

    func model(paused: Bool, openProcess: ProcessIdentity? = nil) -> DashboardModel {
        let recent = fleet.withLock { $0.recent }
        return DashboardModelBuilder.model(recent: recent, interval: interval, alerts: alerts.withLock { $0 }, paused: paused,
                                           openProcess: openProcess)
    }

    /// One read of what is new, and of the source's alerts.
    private func readOnce() throws(PrometheusAPIError) {
        let now = Timestamp.now()
        let started = MonotonicClock.nanoseconds()
        // The request goes out with the lock free, so frames are drawn while the source answers.
        let expression = fleet.withLock { $0.nextRead(at: now) }
        let value = try api.instant(expression, at: now)
        let seconds = Double(MonotonicClock.nanoseconds() - started) / 1e9
        fleet.withLock { $0.absorb(value, at: now, seconds: seconds) }
        let rows = ((try? api.alerts()) ?? nil).map { Self.rows($0, now: now) } ?? []
        alerts.withLock { $0 = rows }
    }

    /// Reads every interval, on its own thread so a slow source never stalls keys or frames.
    private func readUntilStopped() {
        var next = ContinuousClock.now
        while !stopped.load(ordering: .relaxed) {
            next = next.advanced(by: .milliseconds(interval.milliseconds))
            do { try readOnce() } catch {
                // The nodes go on ageing into "not reporting"; the panel says why nothing arrives.
                let now = Timestamp.now()
                fleet.withLock { $0.absorb([], at: now, seconds: 0) }
                alerts.withLock { $0 = [AlertRow(name: "SourceUnreadable", labelsSummary: error.description, state: .pending)] }
            }
            let wait = next - ContinuousClock.now
            if wait > .zero { Thread.sleep(forTimeInterval: Double(wait.components.attoseconds) / 1e18 + Double(wait.components.seconds)) }
            else { next = ContinuousClock.now }
        }
    }

    /// The source's pending and firing alerts as panel rows, firing first, oldest first.
    static func rows(_ alerts: [PrometheusAPIAlert], now: Timestamp) -> [AlertRow] {
        alerts.filter { $0.state == "firing" || $0.state == "pending" }
            .sorted { ($0.state == "firing" ? 0 : 1, $0.activeAt?.milliseconds ?? 0) < ($1.state == "firing" ? 0 : 1, $1.activeAt?.milliseconds ?? 0) }
            .map { alert in
                let summary = ["name", "pid", "node", "instance"].compactMap { key in alert.labels[key].map { "\(key)=\($0)" } }
                    .joined(separator: " ")
                let age = alert.activeAt.map { Double(now.milliseconds - $0.milliseconds) / 1000 } ?? 0
                return AlertRow(
                    name: alert.labels["alertname"] ?? "alert", labelsSummary: summary, state: alert.state == "firing" ? .firing : .pending,
                    ageSeconds: max(0, age))
            }
    }
}
