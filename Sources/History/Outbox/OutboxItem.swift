public import TimeSeries

/// One notification waiting in the durable outbox until a receiver accepts it.
public struct OutboxItem: Sendable, Equatable {
    /// Increases with every enqueue, so it orders a receiver's notifications.
    public var id: Int64
    public var receiver: String
    /// Alertmanager's `groupKey`: receivers use it (with fingerprints) to drop repeats.
    public var groupKey: String
    /// The request body, exactly as it will be sent.
    public var payload: [UInt8]
    public var createdAt: Timestamp
    public var attempts: Int
    public var nextAttempt: Timestamp
    public var lastError: String?
    /// The firing alert episodes the payload carries (empty for one queued by an older agent).
    public var firing: Set<String>

    public init(
        id: Int64, receiver: String, groupKey: String, payload: [UInt8], createdAt: Timestamp, attempts: Int,
        nextAttempt: Timestamp, lastError: String?, firing: Set<String> = []
    ) {
        self.id = id
        self.receiver = receiver
        self.groupKey = groupKey
        self.payload = payload
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.lastError = lastError
        self.firing = firing
    }
}
