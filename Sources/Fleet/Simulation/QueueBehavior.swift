/// How one process's mailbox length moves from second to second.
enum QueueBehavior: Sendable {
    /// Empty almost always; the roster's idle pool, of which only a few hold a message or two each second.
    case idle
    /// A handful of messages, rarely more than `ceiling`, mostly far fewer.
    case quiet(ceiling: Int)
    /// Quiet up to `baseline`, plus now and then a burst of a few hundred messages that drains within seconds.
    case bursty(baseline: Int)
    /// A different length in `range` every second; the load scenario's exported processes.
    case churning(range: ClosedRange<Int>)
    /// A new process every second (a new pid, never used before) holding a length in `range`: the
    /// churn scenario's processes, each exported for one second only.
    case respawning(range: ClosedRange<Int>)
}
