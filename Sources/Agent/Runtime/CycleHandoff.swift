import Foundation
import Probe
import TimeSeries

/// Hands each polled cycle to one thread that stores it and runs what follows (rules, alerts,
/// the dashboard), so the poll loop keeps its ticks while a cycle takes long to store — the first
/// one, with every series new, or one where a fleet joins.
///
/// Cycles are handled one at a time, in the order they were polled. When `capacity` cycles wait,
/// the poll loop waits too, and the ticks it then misses are counted as missed: memory stays
/// bounded, and a store slower than the interval shows.
///
/// The storing thread idles on the agent's `LoopClock`, as the poll and delivery loops do, so a
/// test on a manual clock that waits for every loop to block again knows the cycle was stored.
final class CycleHandoff: @unchecked Sendable {
    // Safe: `waiting`, `threadRunning` and `stopping` are only touched while `condition` is locked.
    private let condition = NSCondition()
    private var waiting: [ScrapeCycle] = []
    private var threadRunning = false
    private var stopping = false
    private let capacity: Int
    private let clock: any LoopClock
    /// Wakes the storing thread when a cycle arrives or the handoff drains.
    private let wake = LoopAlarm()
    private let handle: @Sendable (ScrapeCycle) -> Void

    /// How long the idle storing thread waits on the clock before looking again; any cycle wakes it sooner.
    private static let idleWait = PromDuration.seconds(3600)

    /// Starts the storing thread, idle until the first cycle.
    init(capacity: Int = 2, clock: any LoopClock, handle: @escaping @Sendable (ScrapeCycle) -> Void) {
        precondition(capacity > 0, "a handoff holds at least one cycle")
        self.capacity = capacity
        self.clock = clock
        self.handle = handle
        threadRunning = true
        Thread.detachNewThread { [self] in run() }
    }

    /// Queues a cycle, waiting while `capacity` cycles wait already. After `drain()` a cycle is
    /// handled on the calling thread.
    func submit(_ cycle: ScrapeCycle) {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            return handle(cycle)
        }
        while waiting.count >= capacity && !stopping { condition.wait() }
        waiting.append(cycle)
        condition.unlock()
        wake.signal()
    }

    /// Returns once every cycle submitted so far has been handled and the thread has ended.
    func drain() {
        condition.lock()
        stopping = true
        condition.unlock()
        wake.signal()
        condition.lock()
        while threadRunning { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            if waiting.isEmpty {
                if stopping {
                    threadRunning = false
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                condition.unlock()
                clock.wait(until: clock.now() + Self.idleWait, or: wake)
                continue
            }
            let cycle = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            handle(cycle)
        }
    }
}
