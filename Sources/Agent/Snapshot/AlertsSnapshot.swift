public import Alerting

/// The agent's alerts at one instant, with where each firing one got to: what the dashboard's
/// alerts panel and `/api/v1/alerts` show.
public struct AlertsSnapshot: Sendable {
    /// Every alert the engine holds (pending, firing, and resolved ones it still keeps).
    public var alerts: [Alert]
    /// Per firing alert's fingerprint, the receivers that accepted it and those still waiting.
    public var deliveries: [UInt64: AlertDelivery]

    public init(alerts: [Alert] = [], deliveries: [UInt64: AlertDelivery] = [:]) {
        self.alerts = alerts
        self.deliveries = deliveries
    }

    /// Where `alert` got to; empty lists when nothing announced it.
    public func delivery(of alert: Alert) -> AlertDelivery { deliveries[alert.fingerprint] ?? AlertDelivery() }
}
