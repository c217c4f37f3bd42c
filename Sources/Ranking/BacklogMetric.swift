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

    /// The exporter's mailbox metric, named by registered name, else type and pid, over 10,000.
    public static let erlangMailboxes = BacklogMetric(
        metric: "erlang_process_message_queue_len", entity: ["name", "pid"], threshold: 10_000)

    /// The exporter's queues summed by process type (initial call), over 100,000.
    ///
    /// Ten times a process's threshold, and the node-wide total at which the shipped
    /// `ErlangNodeMessageQueueTotal` rule warns: 10,000 sessions holding 300 messages each
    /// (3,000,000) are far over it, though none of them is over 10,000, while a type of a few
    /// busy workers stays under it.
    public static let erlangProcessTypes = BacklogMetric(
        metric: "erlang_process_type_message_queue_len_sum", entity: ["initial_call"], threshold: 100_000)

    /// What is ranked when `backlog_metrics` is not set: processes, then process types.
    public static let defaults: [BacklogMetric] = [.erlangMailboxes, .erlangProcessTypes]

    /// The labels that name an entry of `metric` when a configuration does not say: the initial
    /// call for process types, else the registered name, then the pid.
    public static func defaultEntity(for metric: String) -> [String] {
        metric == erlangProcessTypes.metric ? erlangProcessTypes.entity : erlangMailboxes.entity
    }
}
