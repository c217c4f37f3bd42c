public import TimeSeries

/// Where the notification log is kept, beside the outbox whose notifications it describes: the
/// narrow interface `DurableNotificationLog` writes through. The agent adapts its history file
/// to it; tests keep it in memory.
///
/// Storage knows rows, not receivers: what a record means — what reached a receiver, what it
/// refused — is `DurableNotificationLog`'s.
public protocol NotificationLogStorage {
    /// What a failed read or write throws.
    associatedtype Failure: Error
    /// The rows as one transaction sees them.
    associatedtype Rows: NotificationLogRows<Failure>

    /// Runs `body` as one transaction: every row it writes lands, or — when it throws — none does.
    /// A notification and the record that describes it are thus committed together, which is
    /// what lets a `kill -9` neither repeat nor lose one.
    func transaction<Result>(_ body: (Rows) throws(Failure) -> Result) throws(Failure) -> Result
}

/// The outbox and notification-log rows inside one `NotificationLogStorage.transaction`.
public protocol NotificationLogRows<Failure> {
    /// What a failed read or write throws.
    associatedtype Failure: Error

    /// Puts a notification in the outbox queue of `outboxKey`, due at once; returns its id.
    func queue(outboxKey: String, groupKey: String, payload: [UInt8], firing: Set<String>, at now: Timestamp) throws(Failure) -> Int64
    /// Takes notification `id` out of the outbox.
    func dequeue(id: Int64) throws(Failure)
    /// The record of one group at one outbox key, if there is one.
    func record(outboxKey: String, groupKey: String) throws(Failure) -> NotificationLogRecord?
    /// Every record, by outbox key and group key.
    func records() throws(Failure) -> [NotificationLogRecord]
    /// Writes a record in place of the one with its outbox key and group key.
    func write(_ record: NotificationLogRecord) throws(Failure)
    /// Deletes the record of one group at one outbox key, if there is one.
    func delete(outboxKey: String, groupKey: String) throws(Failure)
}

/// What the notification log keeps for one group at one outbox key: what its last queued
/// notification said, and which of its alerts reached the receiver or were refused.
public struct NotificationLogRecord: Sendable, Equatable {
    /// The receiver's queue: its name, or `name#n` for one of an Alertmanager receiver's URLs.
    public var outboxKey: String
    /// Alertmanager's `groupKey` of the group.
    public var groupKey: String
    /// What the last queued notification covered; `repeat_interval` counts from its `sentAt`.
    public var entry: NotificationLog.Entry
    /// The firing episodes of the last notification of the group the receiver accepted (a 2xx).
    public var delivered: Set<String>
    /// The last notification of the group it refused for good, with the episodes no later
    /// delivery carried; nil when none is left.
    public var refusal: RefusalReceipt?

    public init(
        outboxKey: String, groupKey: String, entry: NotificationLog.Entry, delivered: Set<String> = [], refusal: RefusalReceipt? = nil
    ) {
        self.outboxKey = outboxKey
        self.groupKey = groupKey
        self.entry = entry
        self.delivered = delivered
        self.refusal = refusal
    }
}
