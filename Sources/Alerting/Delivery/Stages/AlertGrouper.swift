public import TimeSeries

/// The grouping stage for one receiver: routes the engine's alerts into groups and says which
/// groups are due for a notification, driven only by the times it is given.
///
/// It is fed the engine's whole view after each evaluation (firing alerts, and resolved ones
/// the engine still retains), so it never has to guess what is still active.
public struct AlertGrouper: Sendable {
    public var route: AlertRoute
    public var options: GroupingOptions
    /// Whether resolutions are announced (`send_resolved`).
    public var sendResolved: Bool
    public private(set) var groups: [String: AlertGroup] = [:]
    public private(set) var log = NotificationLog()
    /// A group counts as due this much before its time, so a cycle that lands a few
    /// milliseconds early does not wait a whole interval.
    static let slack = PromDuration.millis(50)

    public init(route: AlertRoute, options: GroupingOptions, sendResolved: Bool = true) {
        self.route = route
        self.options = options
        self.sendResolved = sendResolved
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
        // Entries restored after a restart may name groups that no longer exist, so the log
        // itself is swept, not only the groups held in memory.
        for key in log.entries.keys where current[key] == nil { log.forget(key) }
        groups = current
        var due: [AlertGroup] = []
        for key in groups.keys.sorted() {
            guard let group = groups[key], time + AlertGrouper.slack >= group.nextFlush,
                log.needsNotification(group, repeatInterval: options.repeatInterval, sendResolved: sendResolved, at: time)
            else { continue }
            // As in Alertmanager, a resolution is announced once, and only for an alert that was
            // announced as firing; then it leaves the group's notifications.
            let sent = log.notification(of: group, sendResolved: sendResolved)
            log.record(sent, at: time)
            groups[key]!.nextFlush = time + options.groupInterval
            due.append(sent)
        }
        return due
    }

    /// After a restart: the notification log saved with the outbox. A group whose alerts it
    /// covers is not notified again before `repeat_interval` (counted from the saved time); an
    /// alert it does not cover — handed over but not yet queued when the agent died — is.
    public mutating func restore(log entries: [String: NotificationLog.Entry]) {
        for (key, entry) in entries { log.restore(key, entry) }
    }

    /// Takes back the notification of `key` that could not be queued: the log says again what it
    /// said before (`previous`), so the group is notified again once `group_interval` allows,
    /// and a resolution it carried is still news.
    public mutating func takeBack(_ key: String, previous: NotificationLog.Entry?) { log.restore(key, previous) }
}
