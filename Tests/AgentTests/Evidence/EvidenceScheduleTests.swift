@testable import Agent
import Alerting
import Testing
import TimeSeries

/// Which processes' evidence the agent fetches after an evaluation: once per process, at most
/// a bounded number per cycle, firing alerts first.
@Suite struct EvidenceScheduleTests {
    let start = Timestamp(milliseconds: 1_700_000_000_000)

    func alert(_ name: String, _ labels: [String: String], _ state: AlertState = .firing) -> Alert {
        Alert(labels: Labels(labels.merging(["alertname": name]) { a, _ in a }), state: state, value: 1, activeAt: start)
    }

    @Test func manyAlertsNamingOneProcessCauseOneFetch() {
        var schedule = EvidenceSchedule()
        let alerts = [
            alert("HighBacklog", ["instance": "chat3:9199", "pid": "<0.212.0>", "name": "chat_router"]),
            alert("BacklogGrowing", ["instance": "chat3:9199", "pid": "<0.212.0>", "severity": "ticket"]),
            alert("StuckRouter", ["instance": "chat3:9199", "pid": "<0.212.0>"], .pending),
        ]
        let due = schedule.due(alerts)
        #expect(due.count == 1)
        #expect(due.first?.key == EvidenceSchedule.Key(instance: "chat3:9199", process: .pid("<0.212.0>")))
        #expect(due.first?.alert == "BacklogGrowing", "a firing alert asks, the first by name")
        #expect(schedule.due(alerts).isEmpty, "in flight: not fetched again")
        schedule.finished(due[0].key, annotations: Labels(["verdict": "stuck"]))
        #expect(schedule.due(alerts).isEmpty, "fetched: not fetched again while alerts name it")
        #expect(schedule.annotate(alerts).allSatisfy { $0.annotations["verdict"] == "stuck" })
    }

    @Test func moreProcessesThanTheBoundWaitForLaterCycles() {
        var schedule = EvidenceSchedule(maxPerCycle: 3)
        let alerts = (0..<8).map { alert("HighBacklog", ["instance": "chat1:9199", "pid": "<0.\($0).0>"], $0 == 7 ? .firing : .pending) }
        let first = schedule.due(alerts)
        #expect(first.count == 3)
        #expect(first.first?.key.process == .pid("<0.7.0>"), "the firing alert's process goes first")
        let second = schedule.due(alerts)
        #expect(second.count == 3)
        let third = schedule.due(alerts)
        #expect(third.count == 2)
        #expect(Set((first + second + third).map(\.key)).count == 8, "each process once")
        #expect(schedule.due(alerts).isEmpty)
    }

    @Test func fetchesInFlightAreBounded() {
        var schedule = EvidenceSchedule(maxPerCycle: 4, maxInFlight: 6)
        let alerts = (0..<10).map { alert("HighBacklog", ["instance": "chat1:9199", "name": "p\($0)"]) }
        #expect(schedule.due(alerts).count == 4)
        #expect(schedule.due(alerts).count == 2, "six in flight at most")
        #expect(schedule.due(alerts).isEmpty)
        schedule.finished(EvidenceSchedule.Key(instance: "chat1:9199", process: .name("p0")), annotations: nil)
        #expect(schedule.due(alerts).count == 1, "a fetch that ended frees its place")
    }

    @Test func alertsWithoutAProcessOrInstanceAreLeftAlone() {
        var schedule = EvidenceSchedule()
        let alerts = [
            alert("NodeDown", ["instance": "chat1:9199"]),
            alert("HighBacklog", ["pid": "<0.1.0>"]),
            alert("HighBacklog", ["instance": "chat1:9199", "name": ""]),
            alert("Resolved", ["instance": "chat1:9199", "pid": "<0.2.0>"], .inactive),
        ]
        #expect(schedule.due(alerts).isEmpty)
    }

    @Test func aProcessNoAlertNamesAnyMoreIsFetchedAfreshNextEpisode() throws {
        var schedule = EvidenceSchedule()
        let firing = [alert("HighBacklog", ["instance": "chat1:9199", "name": "router"])]
        let key = try #require(schedule.due(firing).first?.key)
        schedule.finished(key, annotations: Labels(["verdict": "slow"]))
        #expect(schedule.due([]).isEmpty)
        #expect(schedule.entries.isEmpty, "forgotten once no alert names it")
        schedule.finished(key, annotations: Labels(["verdict": "late"]))
        #expect(schedule.annotate(firing).first?.annotations["verdict"] == nil, "a late outcome for a forgotten process is dropped")
        #expect(schedule.due(firing).map(\.key) == [key])
    }

    @Test func aFailedFetchIsNotRetriedAndAddsNothing() throws {
        var schedule = EvidenceSchedule()
        let firing = [alert("HighBacklog", ["instance": "old:9199", "name": "router"])]
        let key = try #require(schedule.due(firing).first?.key)
        schedule.finished(key, annotations: nil)
        #expect(schedule.due(firing).isEmpty)
        #expect(schedule.annotate(firing) == firing)
    }

    @Test func aRulesOwnAnnotationIsNeverOverwritten() throws {
        var schedule = EvidenceSchedule()
        var own = alert("HighBacklog", ["instance": "chat1:9199", "name": "router"])
        own.annotations = Labels(["verdict": "see runbook", "summary": "router backs up"])
        let key = try #require(schedule.due([own]).first?.key)
        schedule.finished(key, annotations: Labels(["verdict": "stuck", "status": "waiting"]))
        let annotated = try #require(schedule.annotate([own]).first)
        #expect(annotated.annotations == Labels(["verdict": "see runbook", "summary": "router backs up", "status": "waiting"]))
        #expect(annotated.fingerprint == own.fingerprint)
    }
}
