public import TimeSeries

/// Which rule groups the agent evaluates on the poll path and which on a schedule of their own,
/// and when each of the latter is due. A value driven by the times of the cycles it is told
/// about, so tests step it without threads.
///
/// The policy, so a poll never waits for a slow rule:
/// - A group whose `interval` is longer than the poll interval always runs off the poll path:
///   it looks at longer trends (`deriv`, `predict_linear` over minutes), so evaluating it from
///   the last stored cycle a moment later costs nothing, and its evaluation can take longer
///   than a poll.
/// - Any other group runs inline, right after each cycle is stored, so threshold alerts fire
///   one poll after the threshold is crossed. One whose evaluation took more than
///   `slowFraction` of the poll interval `slowEvaluations` times running moves off the path
///   for good (until the agent restarts): the scrape and the store of a cycle need the rest of
///   the interval, and a single slow evaluation (the first one reads more history) is no reason
///   to delay a threshold group's alerts.
///
/// A group off the path is due at a cycle when its interval (the poll interval without one)
/// has passed since its last tick, less a twentieth, as `RuleEngine` forgives early cycles. A
/// due tick that finds it still evaluating is a missed iteration, as in Prometheus: the group
/// runs again at its next due tick, not at once.
public struct GroupSchedule: Sendable {
    /// An inline evaluation longer than this fraction of the poll interval counts as slow.
    public static let slowFraction = 0.5
    /// Slow inline evaluations in a row that move a group off the poll path.
    public static let slowEvaluations = 3

    struct Entry: Sendable {
        var interval: PromDuration?
        /// Moved off the path after slow inline evaluations.
        var movedOff = false
        var slowRuns = 0
        var running = false
        var lastTick: Timestamp?
        var missed = 0
    }

    /// What a cycle's arrival means for the groups off the path.
    public struct Tick: Sendable, Equatable {
        /// Groups due and idle: start evaluating them as of the cycle.
        public var start: [RuleGroupKey] = []
        /// Groups due but still evaluating: each missed an iteration.
        public var missed: [RuleGroupKey] = []

        public init(start: [RuleGroupKey] = [], missed: [RuleGroupKey] = []) {
            self.start = start
            self.missed = missed
        }
    }

    private var entries: [RuleGroupKey: Entry] = [:]
    public private(set) var pollInterval: PromDuration

    public init(groups: [RuleGroup], pollInterval: PromDuration) {
        self.pollInterval = pollInterval
        for group in groups { entries[group.key] = Entry(interval: group.interval) }
    }

    /// The groups after a reload, or a new poll interval: groups kept keep their state (a group
    /// moved off the path stays off), new ones start fresh, and removed ones are forgotten.
    public mutating func update(groups: [RuleGroup], pollInterval: PromDuration) {
        self.pollInterval = pollInterval
        var updated: [RuleGroupKey: Entry] = [:]
        for group in groups {
            var entry = entries[group.key] ?? Entry(interval: group.interval)
            entry.interval = group.interval
            updated[group.key] = entry
        }
        entries = updated
    }

    /// Whether the group runs on a schedule of its own rather than on the poll path.
    public func runsOffPollPath(_ key: RuleGroupKey) -> Bool {
        guard let entry = entries[key] else { return false }
        return entry.movedOff || (entry.interval.map { $0 > pollInterval } ?? false)
    }

    /// Every group that runs off the poll path, in key order.
    public var offPathGroups: [RuleGroupKey] { entries.keys.filter(runsOffPollPath).sorted() }

    /// How often the group runs: its interval, or the poll interval.
    public func interval(of key: RuleGroupKey) -> PromDuration { entries[key]?.interval ?? pollInterval }

    /// Iterations the group missed so far.
    public func missedIterations(of key: RuleGroupKey) -> Int { entries[key]?.missed ?? 0 }

    /// Records an inline evaluation of the group at `time` that took `duration`; true when that
    /// moves the group off the poll path. Its tick is then `time`, so it is next due one
    /// interval later, not again for the same cycle.
    public mutating func inlineRan(_ key: RuleGroupKey, at time: Timestamp, took duration: PromDuration) -> Bool {
        guard var entry = entries[key], !runsOffPollPath(key) else { return false }
        let slow = Double(duration.milliseconds) > Double(pollInterval.milliseconds) * Self.slowFraction
        entry.slowRuns = slow ? entry.slowRuns + 1 : 0
        if entry.slowRuns >= Self.slowEvaluations {
            entry.movedOff = true
            entry.lastTick = time
        }
        entries[key] = entry
        return entry.movedOff
    }

    /// A cycle stamped `time` was stored: the groups off the path that are due start, or miss
    /// an iteration when still evaluating.
    public mutating func cycleLanded(at time: Timestamp) -> Tick {
        var tick = Tick()
        for key in offPathGroups {
            guard var entry = entries[key] else { continue }
            let interval = (entry.interval ?? pollInterval).milliseconds
            if let last = entry.lastTick, (time - last).milliseconds < interval - interval / 20 { continue }
            entry.lastTick = time
            if entry.running {
                entry.missed += 1
                tick.missed.append(key)
            } else {
                entry.running = true
                tick.start.append(key)
            }
            entries[key] = entry
        }
        return tick
    }

    /// The group's evaluation ended; it waits for its next due tick.
    public mutating func finished(_ key: RuleGroupKey) {
        entries[key]?.running = false
    }
}
