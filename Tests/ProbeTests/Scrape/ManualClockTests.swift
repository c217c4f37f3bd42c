import Foundation
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// The clock tests move by hand: it releases exactly the waits whose deadline passed.
@Suite struct ManualClockTests {
    /// A thread waiting on `clock` until `deadline`; `released` turns true when the wait ends.
    final class Waiter: Sendable {
        let alarm = LoopAlarm()
        let released = Mutex(false)

        init(_ clock: ManualClock, until deadline: Timestamp) {
            Thread.detachNewThread { [self] in
                clock.wait(until: deadline, or: alarm)
                released.withLock { $0 = true }
            }
        }

        var isReleased: Bool { released.withLock { $0 } }
    }

    @Test func advancingReleasesOnlyTheWaitsThatAreDue() async {
        let clock = ManualClock()
        let soon = Waiter(clock, until: clock.epoch + .seconds(1))
        let later = Waiter(clock, until: clock.epoch + .seconds(5))
        #expect(await clock.blocked(waiters: 2))
        #expect(clock.nextDeadline == clock.epoch + .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(clock.now() == clock.epoch + .seconds(1))
        #expect(clock.blockedWaiters == 1, "the due wait is off the list at once")
        #expect(waitUntil { soon.isReleased })
        #expect(!later.isReleased)
        clock.advance(to: clock.epoch + .seconds(10))
        #expect(waitUntil { later.isReleased })
        #expect(clock.blockedWaiters == 0)
    }

    @Test func anAlarmEndsAWaitWithoutMovingTime() async {
        let clock = ManualClock()
        let waiter = Waiter(clock, until: clock.epoch + .seconds(60))
        #expect(await clock.blocked())
        waiter.alarm.signal()
        #expect(waitUntil { waiter.isReleased })
        #expect(clock.blockedWaiters == 0)
        #expect(clock.now() == clock.epoch)
    }

    @Test func timeNeverRunsBackwardWhenAdvancing() {
        let clock = ManualClock()
        clock.advance(by: .seconds(5))
        clock.advance(to: clock.epoch)
        #expect(clock.now() == clock.epoch + .seconds(5))
        let alarm = LoopAlarm()
        clock.wait(until: clock.epoch + .seconds(5), or: alarm)
        #expect(clock.blockedWaiters == 0, "a deadline already reached does not wait")
    }
}
