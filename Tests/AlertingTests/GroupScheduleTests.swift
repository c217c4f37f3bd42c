import Alerting
import Query
import Testing
import TimeSeries

/// Which groups run off the poll path, when they are due, and how a group evaluated away from
/// the engine comes back to it.
@Suite struct GroupScheduleTests {
    let rules: RuleSet

    init() throws {
        rules = try ruleSet(
            """
            groups:
              - {name: thresholds, rules: [{alert: Big, expr: 'q > 10', for: 0s}]}
              - {name: trends, interval: 15s, rules: [{record: 'q:doubled', expr: 'q * 2'}, {alert: Trend, expr: 'q > 10', for: 30s}]}
            """)
    }

    var thresholds: RuleGroupKey { RuleGroupKey(file: "rules.yml", name: "thresholds") }
    var trends: RuleGroupKey { RuleGroupKey(file: "rules.yml", name: "trends") }

    @Test func aGroupWithALongerIntervalThanThePollRunsOffThePath() {
        let schedule = GroupSchedule(groups: rules.groups, pollInterval: .seconds(1))
        #expect(schedule.offPathGroups == [trends])
        #expect(!schedule.runsOffPollPath(thresholds))
        let slowPoll = GroupSchedule(groups: rules.groups, pollInterval: .seconds(15))
        #expect(slowPoll.offPathGroups.isEmpty, "an interval no longer than the poll's runs with every cycle")
    }

    @Test func anInlineGroupMovesOffOnlyAfterSlowEvaluationsInARow() {
        var schedule = GroupSchedule(groups: rules.groups, pollInterval: .seconds(1))
        let slow = PromDuration.millis(600)
        // A quick evaluation (the third) starts the count again.
        let took: [PromDuration] = [slow, slow, .millis(100), slow, slow, slow]
        var moved: [Bool] = []
        for (second, duration) in took.enumerated() { moved.append(schedule.inlineRan(thresholds, at: at(Int64(second)), took: duration)) }
        #expect(moved == [false, false, false, false, false, true])
        #expect(schedule.offPathGroups == [thresholds, trends])
        let sameCycle = schedule.cycleLanded(at: at(5))
        #expect(sameCycle.start == [trends], "not again for the cycle it just ran for")
        let next = schedule.cycleLanded(at: at(6))
        #expect(next.start == [thresholds])
        schedule.update(groups: rules.groups, pollInterval: .seconds(1))
        #expect(schedule.runsOffPollPath(thresholds), "a reload keeps it off the path")
    }

    @Test func aDueTickWhileStillEvaluatingIsAMissedIteration() {
        var schedule = GroupSchedule(groups: rules.groups, pollInterval: .seconds(1))
        var ticks: [Int64: GroupSchedule.Tick] = [:]
        for second in Int64(0)...31 { ticks[second] = schedule.cycleLanded(at: at(second)) }
        schedule.finished(trends)
        let afterwards = schedule.cycleLanded(at: at(32))
        let next = schedule.cycleLanded(at: at(45))
        #expect(ticks[0] == GroupSchedule.Tick(start: [trends]))
        #expect(ticks[15] == GroupSchedule.Tick(missed: [trends]))
        #expect(ticks[30] == GroupSchedule.Tick(missed: [trends]))
        #expect(ticks.filter { $0.value != GroupSchedule.Tick() }.count == 3, "nothing at the other cycles")
        #expect(afterwards == GroupSchedule.Tick(), "once done it waits for its next tick")
        #expect(next == GroupSchedule.Tick(start: [trends]))
        #expect(schedule.missedIterations(of: trends) == 2)
    }

    @Test func aDetachedGroupEvaluatesAwayFromTheEngineAndRejoinsIt() throws {
        var engine = RuleEngine(rules: rules)
        let reader = constant((labels("__name__", "q", "pid", "a"), 20))
        let inline = engine.evaluate(at: at(0), reader: reader, groups: { $0 == thresholds })
        #expect(inline.evaluatedGroups == ["thresholds"])
        var group = try #require(engine.detach(trends))
        let result = group.evaluate(at: at(0), reader: reader)
        #expect(result.recordedSamples.map(\.value) == [40])
        #expect(result.recordedSamples.allSatisfy { $0.timestamp == at(0) }, "stamped with its evaluation time")
        #expect(engine.alerts.map(\.ruleName) == ["Big"], "the engine holds the group as of before until it rejoins")
        let joined = engine.rejoin(group)
        #expect(joined)
        #expect(engine.alerts.map(\.ruleName) == ["Big", "Trend"])
        #expect(engine.alerts.last?.state == .pending)

        var again = try #require(engine.detach(trends))
        _ = again.evaluate(at: at(30), reader: reader)
        _ = engine.reload(try ruleSet("groups: [{name: trends, interval: 15s, rules: [{record: 'q:tripled', expr: 'q * 3'}]}]"))
        let rejoined = engine.rejoin(again)
        #expect(!rejoined, "the group changed while it ran: its results belong to rules gone")
        #expect(engine.alerts.isEmpty)
    }
}
