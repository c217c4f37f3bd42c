import Agent
import Testing
import TimeSeries

/// When the agent attaches to `erlang_nodes`, stepped through time without sleeping.
@Suite struct AttachScheduleTests {
    let start = Timestamp(milliseconds: 1_700_000_000_000)

    func at(_ seconds: Int64) -> Timestamp { start + .seconds(seconds) }

    @Test func attachesEveryNodeAtOnceWhenFirstNamed() {
        var schedule = AttachSchedule<String>()
        schedule.set(["chat1", "chat2"], at: start)
        #expect(schedule.nextDue == start)
        #expect(Set(schedule.takeDue(at: start)) == ["chat1", "chat2"])
        #expect(schedule.takeDue(at: start).isEmpty, "an attach in flight is not started twice")
        #expect(schedule.nextDue == nil)
    }

    @Test func retriesWhileTheTargetStaysDownBackingOffToAMinute() {
        var schedule = AttachSchedule<String>()
        schedule.set(["chat1"], at: start)
        var now = start
        var waits: [PromDuration] = []
        for _ in 0..<6 {
            #expect(schedule.takeDue(at: now) == ["chat1"])
            let wait = schedule.finished("chat1", at: now)!
            waits.append(wait)
            schedule.observe("chat1", up: false, at: now + .seconds(1))
            #expect(schedule.takeDue(at: now + wait - .seconds(1)).isEmpty, "not before the back-off is over")
            now = now + wait
        }
        #expect(waits.map(\.milliseconds) == [10_000, 20_000, 40_000, 60_000, 60_000, 60_000])
    }

    @Test func aTargetThatAnswersEndsTheRetries() {
        var schedule = AttachSchedule<String>()
        schedule.set(["chat1"], at: start)
        _ = schedule.takeDue(at: start)
        schedule.finished("chat1", at: at(1))
        schedule.observe("chat1", up: true, at: at(2))
        #expect(schedule.nextDue == nil)
        #expect(schedule.takeDue(at: at(600)).isEmpty)
    }

    @Test func aTargetDownTwoCyclesInARowAfterAnsweringMakesAnAttachDueWithTheShortBackOff() {
        var schedule = AttachSchedule<String>()
        schedule.set(["chat1"], at: start)
        _ = schedule.takeDue(at: start)
        for _ in 0..<4 { schedule.finished("chat1", at: at(1)) }
        schedule.observe("chat1", up: true, at: at(2))

        // One failed scrape is not a restart.
        schedule.observe("chat1", up: false, at: at(3))
        #expect(schedule.takeDue(at: at(3)).isEmpty)
        schedule.observe("chat1", up: true, at: at(4))
        schedule.observe("chat1", up: false, at: at(5))
        #expect(schedule.takeDue(at: at(5)).isEmpty)

        // Down, still down: the node restarted without its exporter.
        schedule.observe("chat1", up: false, at: at(6))
        #expect(schedule.takeDue(at: at(6)) == ["chat1"])
        #expect(schedule.finished("chat1", at: at(7)) == .seconds(10), "the back-off starts over after the target answered")
    }

    @Test func aReloadAttachesNewNodesAtOnceAndForgetsRemovedOnes() {
        var schedule = AttachSchedule<String>()
        schedule.set(["chat1", "chat2"], at: start)
        _ = schedule.takeDue(at: start)
        schedule.finished("chat1", at: at(1))
        schedule.finished("chat2", at: at(1))
        schedule.observe("chat1", up: true, at: at(2))

        schedule.set(["chat1", "chat3"], at: at(3))
        #expect(schedule.nodes == ["chat1", "chat3"])
        #expect(schedule.takeDue(at: at(3)) == ["chat3"], "chat1 keeps its state; chat3 is new")
        schedule.finished("chat2", at: at(4))
        #expect(schedule.nodes == ["chat1", "chat3"], "an attach to a removed node finishing does not bring it back")
    }
}
