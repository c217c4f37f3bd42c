public import Agent
import Alerting
public import Dashboard
public import TimeSeries

/// The agent's alerts as rows of the dashboard's alerts panel, firing first.
public enum AlertRows {
    /// Rows for the pending and firing alerts of `snapshot`, aged from when each became active
    /// (its `startsAt`), with the receivers each was delivered to, was refused by, or still waits for.
    public static func from(_ snapshot: AlertsSnapshot, now: Timestamp = Timestamp.now()) -> [AlertRow] {
        snapshot.alerts.filter { $0.state != .inactive }
            .sorted { ($0.state == .firing ? 0 : 1, $0.activeAt) < ($1.state == .firing ? 0 : 1, $1.activeAt) }
            .map { alert in
                let summary = ["name", "pid", "node", "instance"].compactMap { key in alert.labels[key].map { "\(key)=\($0)" } }
                    .joined(separator: " ")
                let delivery = snapshot.delivery(of: alert)
                return AlertRow(
                    name: alert.name, labelsSummary: summary, state: alert.state,
                    ageSeconds: Double(now.milliseconds - alert.activeAt.milliseconds) / 1000, deliveredTo: delivery.deliveredTo,
                    refusedBy: delivery.refusedBy.map(\.receiver), queuedFor: delivery.queuedFor)
            }
    }
}
