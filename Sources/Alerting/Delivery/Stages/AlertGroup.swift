public import TimeSeries

/// A receiver's alerts that share their `group_by` labels: what one notification covers.
public struct AlertGroup: Sendable {
    /// The `group_by` labels' values (every label for `[...]`).
    public var groupLabels: Labels
    /// Alertmanager's `groupKey`: the route and the group labels, stable across restarts.
    public var key: String
    /// The group's firing and resolved alerts, by fingerprint.
    public var alerts: [UInt64: Alert] = [:]
    /// The earliest time the group may be notified next.
    public var nextFlush: Timestamp

    public init(groupLabels: Labels, key: String, nextFlush: Timestamp) {
        self.groupLabels = groupLabels
        self.key = key
        self.nextFlush = nextFlush
    }

    /// Alerts firing now, in label order.
    public var firing: [Alert] { sorted.filter { $0.state == .firing } }

    /// Alerts that were firing and have stopped, in label order.
    public var resolved: [Alert] { sorted.filter(\.isResolved) }

    var sorted: [Alert] { alerts.values.sorted { Labels.ruleOrder($0.labels, $1.labels) } }
}

extension Alert {
    /// The alert's identity in one firing episode: its fingerprint and when it became active,
    /// so an alert that resolves and fires again counts as new.
    var episode: String { "\(fingerprint)@\(activeAt.milliseconds)" }
}
