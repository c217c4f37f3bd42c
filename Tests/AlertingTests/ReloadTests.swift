import Alerting
import Foundation
import Query
import Testing
import TimeSeries

/// Hot reload: unchanged rules keep their state, a broken file changes nothing.
@Suite struct ReloadTests {
    static let rules = """
        groups:
          - name: mailboxes
            rules:
              - alert: Backlog
                expr: q > 100
                for: 1m
                annotations: {summary: "{{ $value }} queued"}
              - alert: Other
                expr: q > 1000
        """
    let reader = constant((labels("__name__", "q", "pid", "a"), 500))

    @Test func anUnchangedRuleKeepsItsPendingTimer() throws {
        var engine = RuleEngine(rules: try ruleSet(Self.rules))
        _ = engine.evaluate(at: at(0), reader: reader)
        // Edited annotations do not identify alerts, so the rule is the same rule.
        let edited = Self.rules.replacingOccurrences(of: "queued\"}", with: "messages queued\"}")
        let report = engine.reload(try ruleSet(edited))
        #expect(report == ReloadReport(kept: 2, added: 0, removed: 0))
        #expect(engine.evaluate(at: at(59), reader: reader).transitions.isEmpty)
        let firing = engine.evaluate(at: at(60), reader: reader)
        #expect(firing.transitions.map(\.to) == [.firing], "for counted from 0s, before the reload")
        #expect(firing.alertsToSend.first?.annotations["summary"] == "500 messages queued")
    }

    @Test func aChangedRuleStartsAfresh() throws {
        var engine = RuleEngine(rules: try ruleSet(Self.rules))
        _ = engine.evaluate(at: at(0), reader: reader)
        let report = engine.reload(try ruleSet(Self.rules.replacingOccurrences(of: "for: 1m", with: "for: 2m")))
        #expect(report == ReloadReport(kept: 1, added: 1, removed: 1))
        _ = engine.evaluate(at: at(30), reader: reader)
        #expect(engine.evaluate(at: at(149), reader: reader).transitions.isEmpty)
        #expect(engine.evaluate(at: at(150), reader: reader).transitions.map(\.to) == [.firing], "pending since 30s")
    }

    @Test func aRemovedRulesSeriesAreMarkedStale() throws {
        var engine = RuleEngine(rules: try ruleSet(Self.rules))
        _ = engine.evaluate(at: at(0), reader: reader)
        _ = engine.reload(try ruleSet("groups: [{name: mailboxes, rules: [{alert: Other, expr: q > 1000}]}]"))
        let result = engine.evaluate(at: at(1), reader: reader)
        #expect(result.alertSamples.count == 2)
        #expect(result.alertSamples.allSatisfy { StoredSeries.isStaleMarker($0.value) && $0.labels["alertname"] == "Backlog" })
    }

    @Test func aBrokenFileIsReportedAndTheOldRulesKeepRunning() throws {
        let folder = try temporaryFolder("reload")
        let path = try write(Self.rules, to: folder + "/rules.yml")
        var engine = RuleEngine(rules: try RuleSet.load(paths: [path]))
        _ = engine.evaluate(at: at(0), reader: reader)
        try write("groups:\n  - name: mailboxes\n    rules:\n      - alert: Backlog\n        expr: q >\n", to: path)
        #expect(throws: RuleFileErrors.self) { try engine.reload(paths: [path]) }
        do {
            _ = try engine.reload(paths: [path])
        } catch {
            #expect(error.description == "\(path):5:18: expr of \"Backlog\": unexpected end of input")
        }
        #expect(engine.rules.groups.first?.rules.count == 2)
        #expect(engine.evaluate(at: at(60), reader: reader).transitions.map(\.to) == [.firing], "the old rule and its timer go on")
    }

    @Test func theWatcherNoticesEachChangeOnce() throws {
        let folder = try temporaryFolder("watch")
        let path = try write(Self.rules, to: folder + "/a.yml")
        var watcher = RuleFileWatcher(patterns: [folder + "/*.yml"])
        var changes: [Bool] = [watcher.checkForChanges()]
        try write(Self.rules + "\n", to: path)
        changes += [watcher.checkForChanges(), watcher.checkForChanges()]
        try write(Self.rules, to: folder + "/b.yml")
        changes.append(watcher.checkForChanges())
        try FileManager.default.removeItem(atPath: path)
        changes.append(watcher.checkForChanges())
        #expect(changes == [false, true, false, true, true], "edit, no change, new file, file gone")
    }
}
