import Foundation
import Probe

/// Hands each polled cycle to one thread that stores it and runs what follows (rules, alerts,
/// the dashboard), so the poll loop keeps its ticks while a cycle takes long to store — the first
/// one, with every series new, or one where a fleet joins.
///
/// Cycles are handled one at a time, in the order they were polled. When `capacity` cycles wait,
/// the poll loop waits too, and the ticks it then misses are counted as missed: memory stays
/// bounded, and a store slower than the interval shows.
final class CycleHandoff: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var waiting: [ScrapeCycle] = []
    private var threadRunning = false
    private var stopping = false
    private let capacity: Int
    private let handle: @Sendable (ScrapeCycle) -> Void

    init(capacity: Int = 2, handle: @escaping @Sendable (ScrapeCycle) -> Void) {
        precondition(capacity > 0, "a handoff holds at least one cycle")
        self.capacity = capacity
        self.handle = handle
    }

    /// Queues a cycle, waiting while `capacity` cycles wait already; the thread starts with the
    /// first. After `drain()` a cycle is handled on the calling thread.
    func submit(_ cycle: ScrapeCycle) {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            return handle(cycle)
        }
        while waiting.count >= capacity && !stopping { condition.wait() }
        waiting.append(cycle)
        if !threadRunning {
            threadRunning = true
            Thread.detachNewThread { [self] in run() }
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Returns once every cycle submitted so far has been handled and the thread has ended.
    func drain() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while threadRunning { condition.wait() }
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while true {
            while waiting.isEmpty && !stopping { condition.wait() }
            guard !waiting.isEmpty else { break }
            let cycle = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            handle(cycle)
            condition.lock()
        }
        threadRunning = false
        condition.broadcast()
        condition.unlock()
    }
}
