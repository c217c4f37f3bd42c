public import TimeSeries

/// The dedup stage: remembers what each group's last notification said, so a group is notified
/// again only when that changes — a new firing alert, a new resolution — or when
/// `repeat_interval` has passed, as Alertmanager's notification log decides.
///
/// The agent keeps a copy in the history file, written with each queued notification, and
/// `restore`s it after a restart, so a restart neither repeats nor swallows a notification.
public struct NotificationLog: Sendable {
    /// What one group's last notification covered.
    public struct Entry: Sendable, Equatable {
        public var firing: Set<String>
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

    /// Whether `group` should be notified at `time`.
    public func needsNotification(_ group: AlertGroup, repeatInterval: PromDuration, at time: Timestamp) -> Bool {
        let firing = Set(group.firing.map(\.episode))
        let resolved = Set(group.resolved.map(\.episode))
        guard let entry = entries[group.key] else { return !firing.isEmpty || !resolved.isEmpty }
        if !firing.isSubset(of: entry.firing) { return true }
        if !resolved.isSubset(of: entry.resolved) { return true }
        return !firing.isEmpty && time - entry.sentAt >= repeatInterval
    }

    /// Notes that `alerts` of `group` were sent (queued in the outbox) at `time`.
    public mutating func record(_ group: AlertGroup, at time: Timestamp) {
        let resolved = Set(group.resolved.map(\.episode))
        entries[group.key] = Entry(firing: Set(group.firing.map(\.episode)), resolved: resolved, sentAt: time)
    }

    /// Forgets a group that no longer exists, or a notification that could not be queued (so
    /// the group is notified again).
    public mutating func forget(_ key: String) { entries[key] = nil }

    /// Puts back an entry saved before a restart.
    public mutating func restore(_ key: String, _ entry: Entry) { entries[key] = entry }
}
