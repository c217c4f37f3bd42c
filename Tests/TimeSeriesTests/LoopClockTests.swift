import Foundation
import Testing
import TimeSeries

/// The wall-clock `LoopClock` and the alarm that cuts its waits short.
@Suite struct LoopClockTests {
    @Test func aSignalSentBeforeTheWaitEndsItAndIsUsedUp() {
        let alarm = LoopAlarm()
        alarm.signal()
        #expect(alarm.isSignalled)
        // An hour away: only the signal can end this wait.
        SystemLoopClock().wait(until: Timestamp.now() + .seconds(3600), or: alarm)
        #expect(!alarm.isSignalled, "the signal ended one wait and is gone")
        #expect(alarm.waitForSignal(upTo: 0) == false)
    }

    @Test func aSignalFromAnotherThreadEndsTheWait() async {
        let alarm = LoopAlarm()
        let ended = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                SystemLoopClock().wait(until: Timestamp.now() + .seconds(3600), or: alarm)
                continuation.resume(returning: true)
            }
            alarm.signal()
        }
        #expect(ended)
    }

    @Test func aDeadlineAlreadyPastDoesNotWait() {
        let alarm = LoopAlarm()
        SystemLoopClock().wait(until: Timestamp(milliseconds: 0), or: alarm)
        #expect(!alarm.isSignalled)
    }

    @Test func theSystemClockIsTheWallClock() {
        let before = Timestamp.now()
        let read = SystemLoopClock().now()
        #expect(read >= before && read <= Timestamp.now())
    }
}
