/// What one dispatch step decided: the notifications to queue, and the groups that are gone,
/// whose notification-log entries the caller drops from its durable copy in the same write.
public struct DispatchResult: Sendable {
    public var notifications: [OutgoingNotification]
    /// Receiver and group key of every group whose alerts all left the engine this step.
    public var forgotten: [(receiver: String, groupKey: String)]

    public init(notifications: [OutgoingNotification] = [], forgotten: [(receiver: String, groupKey: String)] = []) {
        self.notifications = notifications
        self.forgotten = forgotten
    }
}
