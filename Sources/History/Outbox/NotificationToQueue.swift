/// A notification for the outbox, with the notification-log row that records it (nil: none to
/// write).
public struct NotificationToQueue: Sendable, Equatable {
    /// The outbox key: the receiver, or `receiver#n` for one of several URLs.
    public var receiver: String
    public var groupKey: String
    public var payload: [UInt8]
    public var log: NotificationLogRecord?
    /// The firing alert episodes the payload carries: what the receiver knows once it accepts it.
    public var firing: Set<String>

    public init(receiver: String, groupKey: String, payload: [UInt8], log: NotificationLogRecord? = nil, firing: Set<String> = []) {
        self.receiver = receiver
        self.groupKey = groupKey
        self.payload = payload
        self.log = log
        self.firing = firing
    }
}
