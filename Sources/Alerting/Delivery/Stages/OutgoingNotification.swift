import TimeSeries

/// A notification ready for the outbox: which queue, the group it covers, the exact bytes to
/// POST, and the notification-log entry to write with it.
public struct OutgoingNotification: Sendable, Equatable {
    public var outboxKey: String
    public var groupKey: String
    public var payload: [UInt8]
    /// What the receiver's notification log says about the group once this is queued.
    public var log: NotificationLog.Entry?
    /// What it said before (nil: nothing), put back if this cannot be queued
    /// (`AlertDispatcher.takeBack`).
    public var previousLog: NotificationLog.Entry?
    /// The firing alert episodes the payload carries — fewer than the log's when `max_alerts`
    /// cut the list — so a 2xx tells which alerts reached the receiver.
    public var firing: Set<String>

    public init(
        outboxKey: String, groupKey: String, payload: [UInt8], log: NotificationLog.Entry?, previousLog: NotificationLog.Entry? = nil,
        firing: Set<String> = []
    ) {
        self.firing = firing
        self.outboxKey = outboxKey
        self.groupKey = groupKey
        self.payload = payload
        self.log = log
        self.previousLog = previousLog
    }
}
