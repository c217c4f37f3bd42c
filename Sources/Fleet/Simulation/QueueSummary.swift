/// The mailbox figures over every process of a node, exported or not.
public struct QueueSummary: Hashable, Sendable {
    /// The `le` bounds of `erlang_vm_message_queue_len_bucket`, before `+Inf`.
    public static let bucketBounds: [Int] = [0, 10, 100, 1000, 10_000, 100_000]

    public let sum: Int
    public let max: Int
    /// How many processes have a queue at most each bound, then all processes (the `+Inf` bucket).
    public let cumulativeCounts: [Int]
}
