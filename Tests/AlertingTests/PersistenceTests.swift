import Alerting
import Foundation
import Query
import Testing
import TimeSeries

/// Alert state survives a restart: `for` timers are not reset and fired alerts are not
/// announced again.
@Suite struct PersistenceTests {
    static let rules = """
        groups:
          - name: g
            rules:
              - alert: Slow
                expr: q > 100
                for: 2m
              - alert: Fast
                expr: q > 100
        """
    let reader = constant((labels("__name__", "q", "pid", "a"), 500))
    let folder: String

    init() throws { folder = try temporaryFolder("state") }

    @Test func aRestartKeepsForTimersAndDoesNotRefire() throws {
        let store = FileAlertStatePersistence(path: folder + "/alerts.json")
        var before = RuleEngine(rules: try ruleSet(Self.rules))
        let first = before.evaluate(at: at(0), reader: reader)
        #expect(first.alertsToSend.map(\.name) == ["Fast"])
        #expect(first.stateChanged)
        try store.save(before.snapshot(at: at(0)))

        // A new process at 30s: same rules, state read back.
        let recorder = SinkRecorder()
        var after = RuleEngine(rules: try ruleSet(Self.rules), sink: recorder.sink)
        let report = after.restore(from: store, at: at(30))
        #expect(report == RestoreReport(restored: 2))
        let resumed = after.evaluate(at: at(30), reader: reader)
        #expect(resumed.transitions.isEmpty, "Fast stays firing, Slow stays pending")
        #expect(resumed.alertsToSend.isEmpty, "Fast was sent at 0s: not announced again")
        #expect(recorder.received.isEmpty)
        #expect(after.evaluate(at: at(61), reader: reader).alertsToSend.map(\.name) == ["Fast"], "the usual re-send, a minute on")
        #expect(after.evaluate(at: at(119), reader: reader).transitions.isEmpty)
        let fired = after.evaluate(at: at(120), reader: reader)
        #expect(fired.transitions.map(\.alert.name) == ["Slow"], "two minutes from 0s, not from the restart")
        #expect(fired.transitions.first?.alert.activeAt == at(0))
    }

    @Test func stateOlderThanTheOutageToleranceRestartsPendingTimers() throws {
        var before = RuleEngine(rules: try ruleSet(Self.rules))
        _ = before.evaluate(at: at(0), reader: reader)
        var after = RuleEngine(rules: try ruleSet(Self.rules))
        let report = after.restore(before.snapshot(at: at(0)), at: at(7200))
        #expect(report == RestoreReport(restored: 1, droppedPending: 1))
    }

    @Test func alertsOfRulesThatChangedAreDropped() throws {
        var before = RuleEngine(rules: try ruleSet(Self.rules))
        _ = before.evaluate(at: at(0), reader: reader)
        var after = RuleEngine(rules: try ruleSet(Self.rules.replacingOccurrences(of: "for: 2m", with: "for: 5m")))
        #expect(after.restore(before.snapshot(at: at(0)), at: at(10)) == RestoreReport(restored: 1, droppedForUnknownRules: 1))
    }

    @Test func aCorruptStateFileIsReportedAndIgnored() throws {
        let path = try write("{ not json", to: folder + "/alerts.json")
        var engine = RuleEngine(rules: try ruleSet(Self.rules))
        let report = engine.restore(from: FileAlertStatePersistence(path: path), at: at(0))
        #expect(report.restored == 0)
        #expect(report.problem?.hasPrefix("\(path): alert state file is corrupt, ignoring it") == true)
        #expect(engine.evaluate(at: at(0), reader: reader).alertsToSend.count == 1)
        #expect(engine.restore(from: FileAlertStatePersistence(path: folder + "/none.json"), at: at(0)) == RestoreReport())
    }

    @Test func savesAreAtomicAndSkippedWhenNothingChanged() throws {
        let path = folder + "/alerts.json"
        let store = FileAlertStatePersistence(path: path)
        var engine = RuleEngine(rules: try ruleSet(Self.rules))
        _ = engine.evaluate(at: at(0), reader: reader)
        try store.save(engine.snapshot(at: at(0)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["alerts.json"], "no temporary file left")
        try FileManager.default.removeItem(atPath: path)
        try store.save(engine.snapshot(at: at(5)))
        #expect(!FileManager.default.fileExists(atPath: path), "same state, only a newer time: not written again")
        let quiet = engine.evaluate(at: at(5), reader: reader)
        #expect(!quiet.stateChanged, "a value update is not a state change")
        #expect(engine.evaluate(at: at(60), reader: reader).stateChanged, "the heartbeat while alerts are active")
        #expect(engine.evaluate(at: at(61), reader: reader).stateChanged, "a re-send changes the state")
        let resent = engine.snapshot(at: at(61))
        try store.save(resent)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.load() == resent)
    }
}
