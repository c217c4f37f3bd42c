public import TimeSeries

/// The stage of one Alertmanager API v2 receiver: what to post, as Prometheus's notifier posts
/// it — every firing alert again each `resendDelay`, and every resolved alert the engine still
/// holds, with `endsAt` set — but decided from a notification log rather than the engine's
/// `lastSentAt`.
///
/// The log entry is written with the queued notification, so an alert counts as sent only once
/// the outbox holds it: a notification that could not be queued is taken back and produced again
/// next cycle, and after a restart the saved entry says what Alertmanager was already given.
/// Each post carries all the receiver's alerts, which Alertmanager takes as often as it gets them.
public struct AlertmanagerResender: Sendable {
    public var route: AlertRoute
    /// How often alerts are posted again while nothing changes (Prometheus's `resend_delay`).
    public var resendDelay: PromDuration
    /// One entry, under `groupKey`; an entry under another key is a route a reload replaced.
    public private(set) var log = NotificationLog()

    public init(route: AlertRoute, resendDelay: PromDuration) {
        self.route = route
        self.resendDelay = resendDelay
    }

    /// The outbox's group key of this receiver's posts.
    public var groupKey: String { "{}/\(route.keyText):api-v2" }

    /// Takes the engine's alerts and returns those to post now (nil: nothing to post), logging
    /// them as sent: when an alert fires or resolves that the last post did not carry as such,
    /// or when `resendDelay` has passed since it.
    public mutating func step(_ alerts: [Alert], at time: Timestamp) -> [Alert]? {
        let routed = alerts.filter { ($0.state == .firing || $0.isResolved) && route.matches($0.labels) }
        let key = groupKey
        for stale in log.entries.keys where stale != key || routed.isEmpty { log.forget(stale) }
        guard !routed.isEmpty else { return nil }
        let firing = Set(routed.filter { $0.state == .firing }.map(\.episode))
        let resolved = Set(routed.filter(\.isResolved).map(\.episode))
        if let entry = log.entries[key], firing.isSubset(of: entry.firing), resolved.isSubset(of: entry.resolved),
            time - entry.sentAt < resendDelay
        {
            return nil
        }
        log.restore(key, NotificationLog.Entry(firing: firing, resolved: resolved, sentAt: time))
        return routed.sorted { Labels.ruleOrder($0.labels, $1.labels) }
    }

    /// After a restart: the entry saved with the outbox.
    public mutating func restore(log entries: [String: NotificationLog.Entry]) {
        for (key, entry) in entries { log.restore(key, entry) }
    }

    /// Takes back a post that could not be queued: the log says again what it said before, so
    /// whatever the post carried is news again next cycle.
    public mutating func takeBack(_ key: String, previous: NotificationLog.Entry?) { log.restore(key, previous) }
}
