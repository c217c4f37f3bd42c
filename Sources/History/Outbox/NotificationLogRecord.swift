public import TimeSeries

/// What one receiver's last notification of one group covered, as kept in the history file.
public struct NotificationLogRecord: Sendable, Equatable {
    /// The receiver's name.
    public var receiver: String
    /// Alertmanager's `groupKey` of the group.
    public var groupKey: String
    /// The firing alert episodes the notification announced (opaque to the store).
    public var firing: Set<String>
    /// The resolved alert episodes it announced.
    public var resolved: Set<String>
    /// When it was queued; `repeat_interval` counts from here.
    public var sentAt: Timestamp
    /// The firing episodes of the last notification of the group the receiver accepted (a 2xx).
    /// Kept by the store across writes of the other fields; only a delivery changes it.
    public var delivered: Set<String>
    /// The firing episodes of the last notification of the group the receiver refused for good
    /// (a final 4xx) that no later delivery carried. Kept like `delivered`.
    public var refused: Set<String>
    /// The HTTP status of that refusal (0 when nothing is refused).
    public var refusedStatus: Int
    /// Its reason phrase (`Bad Request`), empty when not a common one.
    public var refusedReason: String

    public init(
        receiver: String, groupKey: String, firing: Set<String>, resolved: Set<String>, sentAt: Timestamp, delivered: Set<String> = [],
        refused: Set<String> = [], refusedStatus: Int = 0, refusedReason: String = ""
    ) {
        self.receiver = receiver
        self.groupKey = groupKey
        self.firing = firing
        self.resolved = resolved
        self.sentAt = sentAt
        self.delivered = delivered
        self.refused = refused
        self.refusedStatus = refusedStatus
        self.refusedReason = refusedReason
    }
}
