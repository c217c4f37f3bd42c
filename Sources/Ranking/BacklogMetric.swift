/// A metric that counts as a backlog, how its entity is named, and the threshold the
/// next-bottleneck ranking measures against.
public struct BacklogMetric: Sendable, Hashable {
    public var metric: String
    /// Labels that name the entity, most readable first (`name`, then `pid`).
    public var entity: [String]
    public var threshold: Double

    public init(metric: String, entity: [String], threshold: Double) {
        self.metric = metric
        self.entity = entity
        self.threshold = threshold
    }

    /// The exporter's mailbox metric, named by registered name or pid, over 10,000.
    public static let erlangMailboxes = BacklogMetric(
        metric: "erlang_process_message_queue_len", entity: ["name", "pid"], threshold: 10_000)
}
