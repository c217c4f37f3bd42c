/// The non-empty mailboxes of one process type (initial call) on a node: what
/// `erlang_process_type_message_queue_len_sum|_max` and `erlang_process_type_processes` report.
public struct ProcessTypeQueues: Sendable, Equatable {
    public let initialCall: String
    public let sum: Int
    public let max: Int
    /// Processes of the type with at least one message waiting.
    public let processes: Int

    /// How many types a node exports, the largest sums first (the exporter's `top_types`).
    public static let topTypes = 20

    /// The top types by summed queue over `(initial call, length)` pairs; ties by name.
    static func top(_ queues: [(initialCall: String, length: Int)]) -> [ProcessTypeQueues] {
        var byType: [String: (sum: Int, max: Int, count: Int)] = [:]
        for queue in queues where queue.length > 0 {
            let old = byType[queue.initialCall] ?? (0, 0, 0)
            byType[queue.initialCall] = (old.sum + queue.length, Swift.max(old.max, queue.length), old.count + 1)
        }
        let sorted = byType.sorted { $0.value.sum != $1.value.sum ? $0.value.sum > $1.value.sum : $0.key < $1.key }
        return sorted.prefix(topTypes).map { ProcessTypeQueues(initialCall: $0.key, sum: $0.value.sum, max: $0.value.max, processes: $0.value.count) }
    }
}
