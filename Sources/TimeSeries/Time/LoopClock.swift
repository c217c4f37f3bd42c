import Foundation

/// Where a threaded loop (polling, delivery) reads the time and waits for its next deadline.
///
/// The loops run on their own threads and block between steps, so they need a blocking wait
/// that another thread can cut short (`stop()`, `poke()`). Swift's `Clock` and swift-clocks'
/// `TestClock` only sleep and advance `async` tasks, which a blocked thread is not; hence this
/// protocol. `SystemLoopClock` is the wall clock; tests pass a manual clock
/// (`TestSupport.ManualClock`) and move time instead of sleeping.
public protocol LoopClock: Sendable {
    /// The time now.
    func now() -> Timestamp

    /// Blocks the calling thread until `deadline` has come or `alarm` is signalled, whichever is
    /// first. It may also return early for no reason, so callers re-check their own conditions.
    func wait(until deadline: Timestamp, or alarm: LoopAlarm)
}

/// A wake-up for a loop blocked in `LoopClock.wait`: one signal ends the current wait, or the
/// next one if the loop is not waiting yet, so a signal sent just before the wait is not lost.
public final class LoopAlarm: @unchecked Sendable {
    // Safe: `signalled` is only read and written while `condition` is locked.
    private let condition = NSCondition()
    private var signalled = false

    public init() {}

    /// Ends the current wait, or the next one.
    public func signal() {
        condition.lock()
        signalled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether a signal waits to be used up: the loop is about to run, whatever its deadline.
    public var isSignalled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return signalled
    }

    /// Blocks until signalled, or at most `seconds` when given; true when it was signalled
    /// (the signal is then used up, unless `consuming` is false: `takeSignal()` uses it up later).
    @discardableResult
    public func waitForSignal(upTo seconds: Double? = nil, consuming: Bool = true) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let limit = seconds.map { Date(timeIntervalSinceNow: $0) }
        while !signalled {
            if let limit {
                if !condition.wait(until: limit) { break }
            } else {
                condition.wait()
            }
        }
        let woken = signalled
        if consuming { signalled = false }
        return woken
    }

    /// Uses up a waiting signal.
    public func takeSignal() {
        condition.lock()
        signalled = false
        condition.unlock()
    }
}

/// The wall clock, for running for real.
public struct SystemLoopClock: LoopClock {
    public init() {}

    public func now() -> Timestamp { Timestamp.now() }

    public func wait(until deadline: Timestamp, or alarm: LoopAlarm) {
        let remaining = deadline - Timestamp.now()
        guard remaining.milliseconds > 0 else { return }
        alarm.waitForSignal(upTo: remaining.seconds)
    }
}
