import Alerting
import Foundation
import TimeSeries

/// The thread of one rule group that runs off the poll path: it waits for the poll path to
/// hand it an evaluation time (a stored cycle's timestamp), evaluates, and waits again.
///
/// It waits for work, not for time, so a test's manual clock never counts it among the loops
/// blocked on the clock; `GroupSchedule` decides when the group is due.
// Unchecked: `next`, `stopping`, `started` and `finished` are only touched while `condition` is locked.
final class ScheduledGroupRunner: @unchecked Sendable {
    let key: RuleGroupKey
    private let evaluate: @Sendable (Timestamp) -> Void
    private let condition = NSCondition()
    private var next: Timestamp?
    private var stopping = false
    private var started = false
    private var finished = false

    /// `evaluate` runs on the runner's thread, once per time handed over.
    init(key: RuleGroupKey, evaluate: @escaping @Sendable (Timestamp) -> Void) {
        self.key = key
        self.evaluate = evaluate
    }

    /// Starts an evaluation as of `time`, starting the thread on first use. The schedule hands
    /// a time only to an idle group; should one still wait, the newer time replaces it.
    func run(at time: Timestamp) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        next = time
        condition.broadcast()
        guard !started else { return }
        started = true
        let thread = Thread { [self] in loop() }
        thread.name = "backlog-rules"
        thread.start()
    }

    /// Lets the evaluation in flight finish and ends the thread, without waiting for it.
    func retire() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// `retire`, then waits until the thread has ended (at once when it never started).
    func stop() {
        retire()
        condition.lock()
        while started && !finished { condition.wait() }
        condition.unlock()
    }

    /// The runner's thread's nice value: when the cores are busy, the poll thread gets them
    /// first, so a long evaluation takes longer rather than making a poll miss its tick.
    static let niceness: Int32 = 10

    private func loop() {
        #if os(Linux)
        // On Linux the nice value belongs to each thread, and `who` 0 is the calling one.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)
        #endif
        while let time = waitForWork() { evaluate(time) }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next evaluation time; nil once stopping.
    private func waitForWork() -> Timestamp? {
        condition.lock()
        defer { condition.unlock() }
        while next == nil && !stopping { condition.wait() }
        guard !stopping, let time = next else { return nil }
        next = nil
        return time
    }
}
