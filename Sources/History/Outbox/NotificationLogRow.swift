public import TimeSeries

/// One row of the `notification_log` table, column by column. What the columns mean — which
/// alerts a receiver was told about, accepted or refused — is the notification log's business
/// in `Alerting`; the store only keeps them.
public struct NotificationLogRow: Sendable, Equatable {
    /// `receiver`: the outbox key the row belongs to.
    public var receiver: String
    /// `group_key`.
    public var groupKey: String
    /// `firing`: a set of opaque strings.
    public var firing: Set<String>
    /// `resolved`: a set of opaque strings.
    public var resolved: Set<String>
    /// `sent_ms`.
    public var sentAt: Timestamp
    /// `delivered`: a set of opaque strings.
    public var delivered: Set<String>
    /// `refused`: a set of opaque strings.
    public var refused: Set<String>
    /// `refused_status`.
    public var refusedStatus: Int
    /// `refused_reason`.
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
