import Alerting
import Query
import Testing
import TimeSeries

/// Groups, intervals, recording rules and the series the engine hands back for storage.
@Suite struct EngineTests {
    @Test func recordingRulesFeedLaterRulesInTheSameEvaluation() throws {
        let rules = try ruleSet(
            """
            groups:
              - name: g
                rules:
                  - record: node:q:sum
                    expr: sum by (instance) (q)
                    labels: {source: backlog}
                  - alert: NodeBacklog
                    expr: node:q:sum > 100
            """)
        let reader = constant(
            (labels("__name__", "q", "instance", "n1", "pid", "a"), 60), (labels("__name__", "q", "instance", "n1", "pid", "b"), 70))
        var engine = RuleEngine(rules: rules)
        let result = engine.evaluate(at: at(10), reader: reader)
        #expect(result.recordedSamples == [Sample(labels: labels("__name__", "node:q:sum", "instance", "n1", "source", "backlog"), value: 130, timestamp: at(10))])
        #expect(result.alertsToSend.map(\.labels) == [labels("alertname", "NodeBacklog", "instance", "n1", "source", "backlog")])
        #expect(result.samples.count == 3)
    }

    @Test func recordedSeriesThatDisappearAreMarkedStale() throws {
        let rules = try ruleSet("groups: [{name: g, rules: [{record: big, expr: 'q > 100'}]}]")
        let reader = InMemorySeriesReader([series(labels("__name__", "q", "pid", "a"), values: [500, 500, 50, 50])])
        var engine = RuleEngine(rules: rules)
        #expect(engine.evaluate(at: at(1), reader: reader).recordedSamples.map(\.value) == [500])
        let gone = engine.evaluate(at: at(2), reader: reader).recordedSamples
        #expect(gone.count == 1 && StoredSeries.isStaleMarker(gone[0].value))
        #expect(gone[0].labels == labels("__name__", "big", "pid", "a"))
        #expect(engine.evaluate(at: at(3), reader: reader).recordedSamples.isEmpty)
    }

    @Test func aGroupIntervalMeansAtMostThatOften() throws {
        let rules = try ruleSet(
            """
            groups:
              - {name: slow, interval: 10s, rules: [{record: a, expr: vector(1)}]}
              - {name: fast, rules: [{record: b, expr: vector(2)}]}
            """)
        var engine = RuleEngine(rules: rules)
        let reader = InMemorySeriesReader([])
        var slowRuns: [Int64] = []
        for second in Int64(0)..<25 where engine.evaluate(at: at(second), reader: reader).evaluatedGroups.contains("slow") {
            slowRuns.append(second)
        }
        #expect(slowRuns == [0, 10, 20])
        #expect(engine.evaluate(at: at(25), reader: reader).evaluatedGroups == ["fast"])
    }

    @Test func scalarExpressionsAreOneSeriesWithoutLabels() throws {
        let rules = try ruleSet("groups: [{name: g, rules: [{record: answer, expr: '6 * 7'}]}]")
        var engine = RuleEngine(rules: rules)
        let result = engine.evaluate(at: at(0), reader: InMemorySeriesReader([]))
        #expect(result.recordedSamples == [Sample(labels: labels("__name__", "answer"), value: 42, timestamp: at(0))])
    }

    @Test func alertsSamplesCarryRuleLabelsAndState() throws {
        let rules = try ruleSet(
            """
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: q > 1
                    for: 1m
                    labels: {severity: warn, who: "{{ $labels.pid }}"}
            """)
        var engine = RuleEngine(rules: rules, options: RuleEngineOptions(externalLabels: labels("dc", "ams")))
        let result = engine.evaluate(at: at(90), reader: constant((labels("__name__", "q", "pid", "p1"), 5)))
        #expect(
            result.alertSamples == [
                Sample(
                    labels: labels("__name__", "ALERTS", "alertname", "A", "alertstate", "pending", "pid", "p1", "severity", "warn", "who", "p1"),
                    value: 1, timestamp: at(90)),
                Sample(
                    labels: labels("__name__", "ALERTS_FOR_STATE", "alertname", "A", "pid", "p1", "severity", "warn", "who", "p1"),
                    value: 90, timestamp: at(90)),
            ])
    }

    @Test func anAnnotationThatRendersEmptyIsKept() throws {
        let rules = try ruleSet("groups: [{name: g, rules: [{alert: A, expr: q > 1, annotations: {who: '{{ $labels.nobody }}'}}]}]")
        var engine = RuleEngine(rules: rules)
        let sent = engine.evaluate(at: at(0), reader: constant((labels("__name__", "q"), 5))).alertsToSend
        #expect(sent.first?.annotations["who"] == "")
    }
}
