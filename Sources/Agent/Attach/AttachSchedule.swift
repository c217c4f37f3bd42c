public import TimeSeries

/// When to attach to each node: at once when it is first named, then again while its target
/// stays down, backing off from `firstDelay` to `maxDelay`, until its target answers.
///
/// A value driven by the times it is given, so the agent's attach stage reads its deadlines
/// from the injected clock and a test steps it without sleeping.
public struct AttachSchedule<Node: Hashable & Sendable>: Sendable {
    /// What the schedule knows of one node.
    struct Entry: Sendable {
        /// When the next attach is due; nil while the target answers (or before it was seen down twice).
        var due: Timestamp?
        /// Attaches made since the target last answered, for the back-off.
        var attempts = 0
        /// An attach runs now: no other starts until it finishes.
        var inFlight = false
        /// Cycles in a row the target did not answer.
        var downCycles = 0
    }

    public let firstDelay: PromDuration
    public let maxDelay: PromDuration
    private(set) var entries: [Node: Entry] = [:]

    public init(firstDelay: PromDuration = .seconds(10), maxDelay: PromDuration = .seconds(60)) {
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
    }

    /// The nodes scheduled.
    public var nodes: Set<Node> { Set(entries.keys) }

    /// The wait after the `attempts`-th attach while the target stays down: doubling, capped.
    public func delay(afterAttempts attempts: Int) -> PromDuration {
        var delay = firstDelay
        for _ in 1..<max(attempts, 1) {
            delay = PromDuration(milliseconds: delay.milliseconds * 2)
            if !(delay < maxDelay) { return maxDelay }
        }
        return delay < maxDelay ? delay : maxDelay
    }

    /// Makes `nodes` the ones attached to (after a start or a reload): new ones are due at
    /// `now`, the others keep their state, and those no longer named are forgotten.
    public mutating func set(_ nodes: some Sequence<Node>, at now: Timestamp) {
        let wanted = Set(nodes)
        entries = entries.filter { wanted.contains($0.key) }
        for node in wanted where entries[node] == nil { entries[node] = Entry(due: now) }
    }

    /// What a poll cycle saw of the node's target. Answering ends the retries; not answering
    /// two cycles in a row (the node restarted, so its exporter is gone) makes an attach due.
    public mutating func observe(_ node: Node, up: Bool, at now: Timestamp) {
        guard var entry = entries[node] else { return }
        if up {
            entry.due = nil
            entry.attempts = 0
            entry.downCycles = 0
        } else {
            entry.downCycles += 1
            if entry.downCycles >= 2, entry.due == nil, !entry.inFlight { entry.due = now }
        }
        entries[node] = entry
    }

    /// The nodes due at `now`, marked as attaching.
    public mutating func takeDue(at now: Timestamp) -> [Node] {
        var taken: [Node] = []
        for (node, entry) in entries where !entry.inFlight {
            guard let due = entry.due, due <= now else { continue }
            entries[node]?.inFlight = true
            taken.append(node)
        }
        return taken
    }

    /// An attach finished (started, found the exporter running, or failed): the next one is due
    /// after the back-off, unless the target answers first. Returns the wait until then.
    @discardableResult
    public mutating func finished(_ node: Node, at now: Timestamp) -> PromDuration? {
        guard var entry = entries[node] else { return nil }
        entry.inFlight = false
        entry.attempts += 1
        let wait = delay(afterAttempts: entry.attempts)
        entry.due = now + wait
        entries[node] = entry
        return wait
    }

    /// The earliest time an attach is due, among nodes not attaching now.
    public var nextDue: Timestamp? {
        entries.values.filter { !$0.inFlight }.compactMap(\.due).min()
    }
}
