import Probe
import Testing
import TimeSeries

@Suite struct CycleScheduleTests {
    @Test func alignsToTheIntervalGrid() {
        var schedule = CycleSchedule(interval: .seconds(1))
        #expect(schedule.nextTick(now: Timestamp(milliseconds: 10_250)).milliseconds == 11_000)
        #expect(schedule.nextTick(now: Timestamp(milliseconds: 11_100)).milliseconds == 12_000)
        #expect(schedule.missedTicks == 0)
    }

    @Test func skipsTicksASlowCycleOverran() {
        var schedule = CycleSchedule(interval: .seconds(1))
        _ = schedule.nextTick(now: Timestamp(milliseconds: 10_000))
        #expect(schedule.nextTick(now: Timestamp(milliseconds: 13_400)).milliseconds == 14_000)
        #expect(schedule.missedTicks == 3)
    }
}
