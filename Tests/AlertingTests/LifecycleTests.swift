import Alerting
import Query
import Testing
import TimeSeries

/// The alert lifecycle as Prometheus defines it, stepped through with given times: no clock,
/// no sleeping.
@Suite struct LifecycleTests {
    static let backlogRule = """
        groups:
          - name: mailboxes
            rules:
              - alert: Backlog
                expr: q > 100
                for: 1m
                labels: {severity: page}
                annotations: {summary: "{{ $labels.pid }} holds {{ $value }}"}
        """

    /// `q{pid=…}` sampled every second for 20 minutes, its value a function of the second.
    func queue(_ pid: String, _ value: (Int64) -> Double?) -> StoredSeries {
        var times: [Int64] = []
        var values: [Double] = []
        for second in Int64(0)...1200 {
            guard let sample = value(second) else { continue }
            times.append(second * 1000)
            values.append(sample)
        }
        return StoredSeries(labels: labels("__name__", "q", "pid", pid), timestamps: times, values: values)
    }

    @Test func pendingThenFiringAfterForThenResentEveryMinute() throws {
        let reader = InMemorySeriesReader([queue("a") { $0 >= 10 && $0 < 200 ? 500 : 50 }])
        let recorder = SinkRecorder()
        var engine = RuleEngine(rules: try ruleSet(Self.backlogRule), sink: recorder.sink)

        #expect(engine.evaluate(at: at(5), reader: reader).transitions.isEmpty)
        let pending = engine.evaluate(at: at(10), reader: reader)
        #expect(pending.transitions.map { [$0.from, $0.to] } == [[.inactive, .pending]])
        #expect(pending.alertsToSend.isEmpty, "pending alerts are never sent")
        #expect(pending.alertSamples.map(\.labels.name) == ["ALERTS", "ALERTS_FOR_STATE"])
        #expect(pending.alertSamples.first?.labels["alertstate"] == "pending")
        #expect(pending.alertSamples.last?.value == 10, "ALERTS_FOR_STATE holds activeAt in seconds")
        #expect(engine.evaluate(at: at(69), reader: reader).transitions.isEmpty)

        let firing = engine.evaluate(at: at(70), reader: reader)
        #expect(firing.transitions.map { [$0.from, $0.to] } == [[.pending, .firing]])
        let sent = try #require(firing.alertsToSend.first)
        #expect(sent.labels == labels("alertname", "Backlog", "pid", "a", "severity", "page"))
        #expect(sent.annotations == labels("summary", "a holds 500"))
        #expect(sent.state == .firing && sent.activeAt == at(10) && sent.firedAt == at(70))
        #expect(sent.lastSentAt == at(70) && sent.validUntil == at(70 + 240), "valid for 4 × the resend delay")
        #expect(sent.fingerprint == sent.labels.fingerprint)
        #expect(sent.generatorURL == "/graph?g0.expr=q+%3E+100&g0.tab=1")
        #expect(recorder.received.count == 1)

        #expect(engine.evaluate(at: at(130), reader: reader).alertsToSend.isEmpty, "not resent within a minute")
        #expect(engine.evaluate(at: at(131), reader: reader).alertsToSend.count == 1, "resent after a minute")
    }

    @Test func resolvedAlertsAreSentResolvedAndKeptFifteenMinutes() throws {
        let reader = InMemorySeriesReader([queue("a") { $0 < 200 ? 500 : 50 }])
        var engine = RuleEngine(rules: try ruleSet(Self.backlogRule))
        _ = engine.evaluate(at: at(0), reader: reader)
        _ = engine.evaluate(at: at(60), reader: reader)
        let resolved = engine.evaluate(at: at(200), reader: reader)
        #expect(resolved.transitions.map { [$0.from, $0.to] } == [[.firing, .inactive]])
        let alert = try #require(resolved.alertsToSend.first)
        #expect(alert.isResolved && alert.resolvedAt == at(200) && alert.firedAt == at(60))
        // ALERTS ends with a staleness marker.
        #expect(resolved.alertSamples.allSatisfy { StoredSeries.isStaleMarker($0.value) })
        #expect(resolved.alertSamples.count == 2)

        #expect(engine.evaluate(at: at(230), reader: reader).alertsToSend.isEmpty)
        #expect(engine.evaluate(at: at(261), reader: reader).alertsToSend.first?.isResolved == true, "resent as resolved")
        #expect(engine.alerts.count == 1)
        _ = engine.evaluate(at: at(1100), reader: reader)
        #expect(engine.alerts.count == 1, "kept for 15 minutes")
        _ = engine.evaluate(at: at(1101), reader: reader)
        #expect(engine.alerts.isEmpty, "forgotten after 15 minutes")
    }

    @Test func flappingRestartsThePendingTimer() throws {
        let reader = InMemorySeriesReader([queue("a") { $0 == 30 ? 50 : 500 }])
        var engine = RuleEngine(rules: try ruleSet(Self.backlogRule))
        _ = engine.evaluate(at: at(0), reader: reader)
        let gone = engine.evaluate(at: at(30), reader: reader)
        #expect(gone.transitions.map { [$0.from, $0.to] } == [[.pending, .inactive]])
        #expect(engine.alerts.isEmpty, "a pending alert that stops is dropped, not resolved")
        _ = engine.evaluate(at: at(31), reader: reader)
        #expect(engine.evaluate(at: at(60), reader: reader).transitions.isEmpty, "the timer started again at 31s")
        let firing = engine.evaluate(at: at(91), reader: reader)
        #expect(firing.transitions.map(\.to) == [.firing])
        #expect(firing.transitions.first?.alert.activeAt == at(31))
    }

    @Test func aResolvedAlertThatReturnsStartsOverAsPending() throws {
        let reader = InMemorySeriesReader([queue("a") { $0 >= 100 && $0 < 110 ? 50 : 500 }])
        var engine = RuleEngine(rules: try ruleSet(Self.backlogRule))
        _ = engine.evaluate(at: at(0), reader: reader)
        _ = engine.evaluate(at: at(60), reader: reader)
        _ = engine.evaluate(at: at(100), reader: reader)
        let back = engine.evaluate(at: at(110), reader: reader)
        #expect(back.transitions.map { [$0.from, $0.to] } == [[.inactive, .pending]])
        #expect(engine.alerts.first?.activeAt == at(110))
        #expect(engine.alerts.first?.resolvedAt == nil)
    }

    @Test func keepFiringForHoldsTheAlertAfterTheConditionClears() throws {
        let rules = try ruleSet(
            """
            groups:
              - name: g
                rules:
                  - alert: Backlog
                    expr: q > 100
                    keep_firing_for: 30s
            """)
        let reader = InMemorySeriesReader([queue("a") { $0 < 100 || ($0 >= 120 && $0 < 125) ? 500 : 50 }])
        var engine = RuleEngine(rules: rules)
        #expect(engine.evaluate(at: at(0), reader: reader).transitions.map(\.to) == [.firing], "for: 0 fires at once")
        #expect(engine.evaluate(at: at(100), reader: reader).transitions.isEmpty)
        #expect(engine.alerts.first?.state == .firing && engine.alerts.first?.keepFiringSince == at(100))
        _ = engine.evaluate(at: at(121), reader: reader)
        #expect(engine.alerts.first?.keepFiringSince == nil, "back at 120s: the keep-firing clock stops")
        #expect(engine.evaluate(at: at(129), reader: reader).transitions.isEmpty)
        #expect(engine.alerts.first?.keepFiringSince == at(129), "and starts again when it clears")
        #expect(engine.evaluate(at: at(158), reader: reader).transitions.isEmpty)
        let resolved = engine.evaluate(at: at(159), reader: reader)
        #expect(resolved.transitions.map(\.to) == [.inactive])
        #expect(resolved.alertsToSend.first?.resolvedAt == at(159))
    }

    @Test func forZeroFiresOnTheFirstEvaluationAndIsSentAtOnce() throws {
        let rules = try ruleSet("groups: [{name: g, rules: [{alert: Now, expr: q > 100}]}]")
        let reader = InMemorySeriesReader([queue("a") { _ in 500 }])
        var engine = RuleEngine(rules: rules)
        let result = engine.evaluate(at: at(0), reader: reader)
        #expect(result.transitions.map { [$0.from, $0.to] } == [[.inactive, .firing]])
        #expect(result.alertsToSend.count == 1)
        #expect(result.alertSamples.first?.labels == labels("__name__", "ALERTS", "alertname", "Now", "alertstate", "firing", "pid", "a"))
    }

    @Test func aChangedLabelSetIsANewAlert() throws {
        let rules = try ruleSet(
            """
            groups:
              - name: g
                rules:
                  - alert: Backlog
                    expr: q > 100
                    for: 10s
                    labels:
                      size: "{{ if gt $value 1000.0 }}huge{{ else }}big{{ end }}"
            """)
        let reader = InMemorySeriesReader([queue("a") { $0 < 50 ? 500 : 5000 }])
        var engine = RuleEngine(rules: rules)
        _ = engine.evaluate(at: at(0), reader: reader)
        _ = engine.evaluate(at: at(10), reader: reader)
        #expect(engine.alerts.map { $0.labels["size"] } == ["big"])
        let changed = engine.evaluate(at: at(50), reader: reader)
        #expect(changed.transitions.map { [$0.alert.labels["size"], $0.to.rawValue] } == [["big", "inactive"], ["huge", "pending"]])
        #expect(changed.alertsToSend.map { $0.labels["size"] } == ["big"], "the old label set is sent as resolved")
        #expect(engine.alerts.map { $0.labels["size"] } == ["big", "huge"])
    }

    @Test func eachSeriesIsItsOwnAlert() throws {
        let reader = InMemorySeriesReader([queue("a") { _ in 500 }, queue("b") { $0 < 30 ? 50 : 500 }])
        var engine = RuleEngine(rules: try ruleSet(Self.backlogRule))
        _ = engine.evaluate(at: at(0), reader: reader)
        _ = engine.evaluate(at: at(30), reader: reader)
        let result = engine.evaluate(at: at(60), reader: reader)
        #expect(result.transitions.map { $0.alert.labels["pid"] } == ["a"])
        #expect(engine.alerts.map { "\($0.labels["pid"] ?? "") \($0.state)" } == ["a firing", "b pending"])
    }

    @Test func aFailingRuleIsReportedAndTheOthersRun() throws {
        let rules = try ruleSet(
            """
            groups:
              - name: g
                rules:
                  - alert: Broken
                    expr: broken > 0
                  - alert: Works
                    expr: q > 100
            """, file: "rules/test.yml")
        let reader = FailingReader(base: InMemorySeriesReader([queue("a") { _ in 500 }]), failingMetric: "broken")
        var engine = RuleEngine(rules: rules)
        let result = engine.evaluate(at: at(0), reader: reader)
        #expect(result.ruleErrors.count == 1)
        let error = try #require(result.ruleErrors.first)
        #expect(error.rule == "Broken" && error.group == "g" && error.location.file == "rules/test.yml")
        #expect(error.description == "rules/test.yml:4:9: group \"g\", rule \"Broken\": reading series: disk on fire")
        #expect(result.alertsToSend.map(\.name) == ["Works"])
        #expect(result.ruleRuns.map(\.failed) == [true, false])
    }

    @Test func duplicateLabelSetsFailTheRuleAsInPrometheus() throws {
        let rules = try ruleSet("groups: [{name: g, rules: [{alert: A, expr: 'q > 100', labels: {pid: same}}]}]")
        let reader = InMemorySeriesReader([queue("a") { _ in 500 }, queue("b") { _ in 500 }])
        var engine = RuleEngine(rules: rules)
        let result = engine.evaluate(at: at(0), reader: reader)
        #expect(result.ruleErrors.map(\.message) == ["vector contains metrics with the same labelset after applying alert labels"])
    }

    @Test func templateFailuresAreReportedAndTheAlertCarriesTheErrorText() throws {
        let rules = try ruleSet("groups: [{name: g, rules: [{alert: A, expr: 'q > 100', annotations: {x: '{{ humanize $labels.pid }}'}}]}]")
        var engine = RuleEngine(rules: rules)
        let result = engine.evaluate(at: at(0), reader: InMemorySeriesReader([queue("a") { _ in 500 }]))
        #expect(result.templateErrors.count == 1)
        #expect(result.alertsToSend.first?.annotations["x"]?.hasPrefix("<error expanding template:") == true)
    }

    @Test func groupLimitStopsARuleThatMakesTooManyAlerts() throws {
        let rules = try ruleSet("groups: [{name: g, limit: 1, rules: [{alert: A, expr: 'q > 100'}]}]")
        var engine = RuleEngine(rules: rules)
        let reader = InMemorySeriesReader([queue("a") { _ in 500 }, queue("b") { _ in 500 }])
        #expect(engine.evaluate(at: at(0), reader: reader).ruleErrors.map(\.message) == ["exceeded limit of 1 with 2 alerts"])
        #expect(engine.alerts.isEmpty)
    }
}
