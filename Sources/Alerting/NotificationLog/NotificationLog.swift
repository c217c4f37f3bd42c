public import TimeSeries

/// The dedup stage: remembers what each group's last notification said, so a group is notified
/// again only when that changes — a new firing alert, the resolution of an alert it announced —
/// or when `repeat_interval` has passed, as Alertmanager's notification log decides.
///
/// The agent keeps a copy in the history file, written with each queued notification, and
/// `restore`s it after a restart, so a restart neither repeats nor swallows a notification.
public struct NotificationLog: Sendable {
    /// What one group's last notification covered.
    public struct Entry: Sendable, Equatable {
        /// The firing alert episodes it announced: the only ones whose resolution is announced.
        public var firing: Set<String>
        /// The resolved alert episodes it announced.
        public var resolved: Set<String>
        public var sentAt: Timestamp

        public init(firing: Set<String>, resolved: Set<String>, sentAt: Timestamp) {
            self.firing = firing
            self.resolved = resolved
            self.sentAt = sentAt
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Whether `group` should be notified at `time`, as Alertmanager's `needsUpdate` decides: when
    /// it fires an alert the last notification did not announce; when an alert that notification
    /// announced as firing has resolved (only if the receiver sends resolutions); or when
    /// `repeat_interval` has passed and something still fires. A group that never announced
    /// anything and fires nothing — an alert that fired and resolved within `group_wait` — is
    /// never notified: there is nothing to take back.
    public func needsNotification(
        _ group: AlertGroup, repeatInterval: PromDuration, sendResolved: Bool, at time: Timestamp
    ) -> Bool {
        let firing = Set(group.firing.map(\.episode))
        guard let entry = entries[group.key] else { return !firing.isEmpty }
        if !firing.isSubset(of: entry.firing) { return true }
        if sendResolved, group.resolved.contains(where: { entry.firing.contains($0.episode) }) { return true }
        return !firing.isEmpty && time - entry.sentAt >= repeatInterval
    }

    /// The group as its notification shows it: every firing alert, and the resolved alerts whose
    /// resolution is news — announced as firing last time — when the receiver sends resolutions.
    /// A resolution is therefore announced once, and only for an alert someone was told about.
    public func notification(of group: AlertGroup, sendResolved: Bool) -> AlertGroup {
        let announced = entries[group.key]?.firing ?? []
        var shown = group
        shown.alerts = group.alerts.filter { $0.value.state == .firing || sendResolved && announced.contains($0.value.episode) }
        return shown
    }

    /// Notes that `notification` (from `notification(of:sendResolved:)`) was sent (queued in the
    /// outbox) at `time`.
    public mutating func record(_ notification: AlertGroup, at time: Timestamp) {
        entries[notification.key] = Entry(
            firing: Set(notification.firing.map(\.episode)), resolved: Set(notification.resolved.map(\.episode)), sentAt: time)
    }

    /// Forgets a group that no longer exists.
    public mutating func forget(_ key: String) { entries[key] = nil }

    /// Puts back an entry saved before a restart, or the one a notification that could not be
    /// queued replaced (nil: there was none).
    public mutating func restore(_ key: String, _ entry: Entry?) { entries[key] = entry }
}
