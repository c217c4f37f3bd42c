import Foundation
public import TimeSeries

/// A `LoopClock` the test moves by hand, so loops reach their deadlines without anyone sleeping.
///
/// `advance(by:)` / `advance(to:)` release every loop whose deadline has passed;
/// `waitUntilBlocked(waiters:)` returns once that many loops are blocked in `wait` again, so a
/// test knows a loop finished its step and reached its next tick before it looks at the result.
public final class ManualClock: LoopClock, @unchecked Sendable {
    /// A loop blocked in `wait`.
    private struct Waiter {
        let id: Int
        let deadline: Timestamp
        let alarm: LoopAlarm
    }

    /// The time the clock started at.
    public let epoch: Timestamp
    // Safe: `current`, `waiters` and `nextID` are only touched while `condition` is locked.
    private let condition = NSCondition()
    private var current: Timestamp
    private var waiters: [Waiter] = []
    private var nextID = 0

    /// A clock standing at `start`, on a whole second so interval grids line up with it.
    public init(at start: Timestamp = Timestamp(milliseconds: 1_700_000_000_000)) {
        epoch = start
        current = start
    }

    public func now() -> Timestamp {
        condition.lock()
        defer { condition.unlock() }
        return current
    }

    public func wait(until deadline: Timestamp, or alarm: LoopAlarm) {
        condition.lock()
        if deadline <= current {
            condition.unlock()
            return
        }
        let id = nextID
        nextID += 1
        waiters.append(Waiter(id: id, deadline: deadline, alarm: alarm))
        condition.broadcast()
        condition.unlock()
        // The signal is used up only once off the list: a used-up signal on a loop still listed
        // would count it as blocked while it runs (woken by `poke()`, not by `advance`).
        alarm.waitForSignal(consuming: false)
        condition.lock()
        waiters.removeAll { $0.id == id }
        alarm.takeSignal()
        condition.broadcast()
        condition.unlock()
    }

    /// Moves time forward by `duration` and releases the loops whose deadline has come.
    public func advance(by duration: PromDuration) {
        advance(to: now() + duration)
    }

    /// Moves time forward to `time` (never back) and releases the loops whose deadline has come.
    public func advance(to time: Timestamp) {
        condition.lock()
        current = max(current, time)
        let due = waiters.filter { $0.deadline <= current }
        // Taken off the list now, so `waitUntilBlocked` counts only loops that wait again.
        waiters.removeAll { $0.deadline <= current }
        condition.broadcast()
        condition.unlock()
        for waiter in due { waiter.alarm.signal() }
    }

    /// Sets the time, also backwards, without releasing anyone: for code that only reads the clock.
    public func set(to time: Timestamp) {
        condition.lock()
        current = time
        condition.unlock()
    }

    /// How many loops are blocked in `wait` now, leaving out any already woken (`poke()`) but
    /// not yet off the list.
    public var blockedWaiters: Int {
        condition.lock()
        defer { condition.unlock() }
        return blockedCount()
    }

    private func blockedCount() -> Int { waiters.count { !$0.alarm.isSignalled } }

    /// The earliest deadline a blocked loop waits for.
    public var nextDeadline: Timestamp? {
        condition.lock()
        defer { condition.unlock() }
        return waiters.map(\.deadline).min()
    }

    /// Blocks until at least `count` loops are blocked in `wait`; false when `timeout` (real
    /// seconds, generous: it only bounds a broken test) passed first.
    @discardableResult
    public func waitUntilBlocked(waiters count: Int = 1, timeout: Double = 30) -> Bool {
        let limit = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        // A loop joining the list broadcasts; one woken by its alarm only leaves the count.
        while blockedCount() < count {
            if !condition.wait(until: limit) { return blockedCount() >= count }
        }
        return true
    }

    /// `waitUntilBlocked` for async tests, off the cooperative pool so servers and loops run.
    public func blocked(waiters count: Int = 1, timeout: Double = 30) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.waitUntilBlocked(waiters: count, timeout: timeout)) }
        }
    }
}
