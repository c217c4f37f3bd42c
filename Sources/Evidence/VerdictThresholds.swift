/// The figures that turn process evidence into a verdict — the only place they are set.
/// docs/evidence.md explains each one; tests pin the verdict just below, at and above each.
///
/// Comparisons are inclusive on the side of the verdict: a rate *at* `idleReductionsPerSecond`
/// is idle, a rate *at* `busyReductionsPerSecond` is busy, a trend *at* `growingPerSecond`
/// grows and one *at* `-shrinkingPerSecond` shrinks.
public struct VerdictThresholds: Sendable, Equatable, Codable {
    /// At or below this many reductions per second a process does next to no work. A process
    /// blocked in `gen:do_call/4` does a handful (each arriving message wakes it to look at the
    /// message and go back to waiting); a `gen_server` handling even a trickle of calls does
    /// thousands.
    public var idleReductionsPerSecond: Double
    /// At or above this many reductions per second a process is working hard: a busy loop or a
    /// heavy `handle_call` does hundreds of thousands or millions.
    public var busyReductionsPerSecond: Double
    /// A queue that grows by at least this many messages per second is growing; between
    /// `-shrinkingPerSecond` and this, it holds.
    public var growingPerSecond: Double
    /// A queue that falls by at least this many messages per second is shrinking: the process is
    /// catching up, whatever else the evidence says.
    public var shrinkingPerSecond: Double
    /// The fewest queued messages that make a waiting, idle process stuck rather than idle: a
    /// process waiting in `receive` on an empty mailbox is just quiet.
    public var stuckMinimumQueue: Int

    public init(
        idleReductionsPerSecond: Double = 1_000, busyReductionsPerSecond: Double = 10_000, growingPerSecond: Double = 1,
        shrinkingPerSecond: Double = 1, stuckMinimumQueue: Int = 1
    ) {
        self.idleReductionsPerSecond = idleReductionsPerSecond
        self.busyReductionsPerSecond = busyReductionsPerSecond
        self.growingPerSecond = growingPerSecond
        self.shrinkingPerSecond = shrinkingPerSecond
        self.stuckMinimumQueue = stuckMinimumQueue
    }

    /// The thresholds `backlog inspect` uses.
    public static let defaults = VerdictThresholds()
}
