@testable import Agent
import Foundation
import Probe
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// Cycles handed off the poll thread: handled in order, never more than the capacity waiting, all
/// of them handled before `drain()` returns.
@Suite struct CycleHandoffTests {
    static func cycle(_ second: Int64) -> ScrapeCycle {
        ScrapeCycle(timestamp: Timestamp(milliseconds: second * 1000), scrapes: [], configProblems: [], duration: 0)
    }

    @Test func handlesEveryCycleInOrderAndHoldsThePollerWhileFull() async throws {
        let handled = Mutex<[Int64]>([])
        let gate = Gate()
        let handoff = CycleHandoff(capacity: 2, clock: ManualClock()) { cycle in
            // The first cycle is slow: it waits for the gate.
            gate.pass()
            handled.withLock { $0.append(cycle.timestamp.milliseconds / 1000) }
        }
        let submitted = Mutex(0)
        let poller = Thread {
            for second in Int64(1)...6 {
                handoff.submit(Self.cycle(second))
                submitted.withLock { $0 += 1 }
            }
        }
        poller.start()
        // One cycle in the handler and two waiting: the fourth submit holds the poller.
        try await waitUntil("the poller filled the handoff", timeout: .seconds(10)) { submitted.withLock { $0 } >= 3 }
        #expect(submitted.withLock { $0 } == 3, "a full handoff holds the poller")
        #expect(handled.withLock { $0 }.isEmpty)

        gate.open()
        try await waitUntil("the poller went on", timeout: .seconds(10)) { submitted.withLock { $0 } == 6 }
        handoff.drain()
        #expect(handled.withLock { $0 } == [1, 2, 3, 4, 5, 6])

        handoff.submit(Self.cycle(7))
        #expect(handled.withLock { $0 } == [1, 2, 3, 4, 5, 6, 7], "after drain, a cycle is handled on the caller's thread")
    }

    @Test func theIdleStoringThreadWaitsOnTheClockAndLeavesItWhileStoring() async throws {
        let clock = ManualClock()
        let handled = Mutex<[Int64]>([])
        let gate = Gate()
        let handoff = CycleHandoff(capacity: 2, clock: clock) { cycle in
            gate.pass()
            handled.withLock { $0.append(cycle.timestamp.milliseconds / 1000) }
        }
        #expect(await clock.blocked(waiters: 1), "idle, the storing thread waits on the clock")
        handoff.submit(Self.cycle(1))
        try await waitUntil("the storing thread took the cycle", timeout: .seconds(10)) { clock.blockedWaiters == 0 }
        gate.open()
        #expect(await clock.blocked(waiters: 1), "back to waiting once the cycle is stored")
        #expect(handled.withLock { $0 } == [1], "a test that waits for the loops to block sees the cycle stored")
        clock.advance(by: .seconds(7200))
        #expect(await clock.blocked(waiters: 1), "a long idle wait that ends just starts another")
        handoff.drain()
        #expect(clock.blockedWaiters == 0, "drained, the thread has ended")
    }
}

/// Holds whoever passes until it is opened.
private final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func pass() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}
