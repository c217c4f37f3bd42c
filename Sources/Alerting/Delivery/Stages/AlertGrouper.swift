public import TimeSeries

/// The grouping stage for one receiver: routes the engine's alerts into groups and says which
/// groups are due for a notification, driven only by the times it is given.
///
/// It is fed the engine's whole view after each evaluation (firing alerts, and resolved ones
/// the engine still retains), so it never has to guess what is still active.
public struct AlertGrouper: Sendable {
    public var route: AlertRoute
    public var options: GroupingOptions
    public private(set) var groups: [String: AlertGroup] = [:]
    public private(set) var log = NotificationLog()
    /// A group counts as due this much before its time, so a cycle that lands a few
    /// milliseconds early does not wait a whole interval.
    static let slack = PromDuration.millis(50)

    public init(route: AlertRoute, options: GroupingOptions) {
        self.route = route
        self.options = options
    }

    /// Takes the current alerts and returns the groups to notify now, each marked as notified.
    public mutating func step(_ alerts: [Alert], at time: Timestamp) -> [AlertGroup] {
        var current: [String: AlertGroup] = [:]
        for alert in alerts where alert.state == .firing || alert.isResolved {
            guard route.matches(alert.labels) else { continue }
            let groupLabels = options.groupBy.map { alert.labels.keeping(Set($0)) } ?? alert.labels
            let key = "{}/\(route.keyText):\(groupLabels.description)"
            var group = current[key] ?? groups[key] ?? AlertGroup(groupLabels: groupLabels, key: key, nextFlush: time + options.groupWait)
            if current[key] == nil { group.alerts = [:] }
            group.alerts[alert.fingerprint] = alert
            current[key] = group
        }
        for key in groups.keys where current[key] == nil { log.forget(key) }
        groups = current
        var due: [AlertGroup] = []
        for key in groups.keys.sorted() {
            guard let group = groups[key], time + AlertGrouper.slack >= group.nextFlush,
                log.needsNotification(group, repeatInterval: options.repeatInterval, at: time)
            else { continue }
            let announced = log.entries[key]?.resolved ?? []
            log.record(group, at: time)
            groups[key]!.nextFlush = time + options.groupInterval
            var sent = group
            // As in Alertmanager, a resolution is announced once, then leaves the group's notifications.
            sent.alerts = group.alerts.filter { $0.value.state == .firing || !announced.contains($0.value.episode) }
            due.append(sent)
        }
        return due
    }

    /// After a restart: takes what the restored alerts say was already handed to delivery as
    /// notified, so alerts that were firing before are not announced again.
    public mutating func assumeNotified(_ alerts: [Alert], at time: Timestamp) {
        let sent = alerts.filter { alert in
            guard let lastSentAt = alert.lastSentAt else { return false }
            return alert.state == .firing || (alert.resolvedAt.map { lastSentAt >= $0 } ?? false)
        }
        let wait = options.groupWait
        options.groupWait = .zero
        _ = step(sent, at: time)
        options.groupWait = wait
    }
}
