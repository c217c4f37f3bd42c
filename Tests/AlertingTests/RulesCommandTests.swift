import Foundation
import TestSupport
import Testing

/// `backlog rules check` and `backlog rules test` as a user runs them: the built executable.
@Suite struct RulesCommandTests {
    /// The package folder, where `rules/` ships.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    let folder: String

    init() throws { folder = try temporaryFolder("rules-command") }

    static let rules = """
        groups:
          - name: mailboxes
            rules:
              - alert: Backlog
                expr: q > 100
                for: 1m
                labels: {severity: page}
                annotations: {summary: "{{ $labels.pid }} holds {{ $value | humanize }}"}
              - record: q:total
                expr: sum(q)
        """

    @Test func checkPrintsASummaryPerFile() throws {
        let path = try write(Self.rules, to: folder + "/ok.yml")
        let run = try CommandRun.backlog(["rules", "check", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                \(path): 1 group, 1 alerting rule, 1 recording rule
                  mailboxes (every cycle): 1 alerting rule, 1 recording rule

                """)
    }

    @Test func checkPrintsEveryErrorWithFileLineColumnAndExitsOne() throws {
        let good = try write(Self.rules, to: folder + "/good.yml")
        let bad = try write(
            """
            groups:
              - name: g
                rules:
                  - alert: A
                    expr: sum(q
                    for: soon
            """, to: folder + "/bad.yml")
        let run = try CommandRun.backlog(["rules", "check", good, bad])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("\(good): 1 group"))
        #expect(
            run.stderr == """
                \(bad):5:20: expr of "A": unclosed left parenthesis
                \(bad):6:14: for: "soon" is not a duration — write it like 30s, 5m or 1h30m

                """)
    }

    @Test func testPassesAndFailsWithADiff() throws {
        try write(Self.rules, to: folder + "/mailboxes.yml")
        let test = """
            rule_files: [mailboxes.yml]
            evaluation_interval: 15s
            tests:
              - name: router
                interval: 15s
                input_series:
                  - series: 'q{pid="<0.1.0>"}'
                    values: '50 500x10'
                alert_rule_test:
                  - eval_time: 1m
                    alertname: Backlog
                    exp_alerts: []
                  - eval_time: 75s
                    alertname: Backlog
                    exp_alerts:
                      - exp_labels: {severity: page, pid: <0.1.0>}
                        exp_annotations: {summary: "<0.1.0> holds 500"}
                promql_expr_test:
                  - expr: q:total
                    eval_time: 30s
                    exp_samples:
                      - labels: 'q:total'
                        value: 500
            """
        let passing = try write(test, to: folder + "/pass.test.yml")
        let pass = try CommandRun.backlog(["rules", "test", passing])
        #expect(pass.status == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout == "\(passing): PASS (3 checks)\n")

        let wrong = test.replacingOccurrences(of: "holds 500", with: "holds 5k").replacingOccurrences(of: "value: 500", with: "value: 499")
        let failing = try write(wrong, to: folder + "/fail.test.yml")
        let fail = try CommandRun.backlog(["rules", "test", failing])
        #expect(fail.status == 1)
        #expect(
            fail.stdout == """
                \(failing): FAIL (3 checks, 2 failed)
                  test "router": alert Backlog at 1m15s (\(failing):13:9) — expected (-), got (+)
                    - Backlog{pid="<0.1.0>", severity="page"}
                    -     summary: <0.1.0> holds 5k
                    + Backlog{pid="<0.1.0>", severity="page"}
                    +     summary: <0.1.0> holds 500
                  test "router": expr `q:total` at 30s (\(failing):19:9) — expected (-), got (+)
                    - q:total 499
                    + q:total 500

                """)
        #expect(fail.stderr == "1 of 1 test files failed\n")
    }

    @Test func aBrokenTestFileIsReportedWithItsPosition() throws {
        let path = try write("rule_files: [x.yml]\ntests:\n  - input_series:\n      - series: 'q{'\n        values: '1 2 3'\n", to: folder + "/broken.test.yml")
        let run = try CommandRun.backlog(["rules", "test", path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(path):4:17: series: \"q{\""), "\(run.stderr)")
    }

    @Test func theShippedRulesPassCheckAndTheirTests() throws {
        let folder = Self.packageRoot + "/rules"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let ruleFiles = files.filter { $0.hasSuffix(".yml") && !$0.hasSuffix(".test.yml") }.map { folder + "/" + $0 }
        let testFiles = files.filter { $0.hasSuffix(".test.yml") }.map { folder + "/" + $0 }
        #expect(ruleFiles.count == 3 && testFiles.count == ruleFiles.count, "\(files)")
        for file in ruleFiles {
            let base = String(file.dropLast(".yml".count))
            #expect(testFiles.contains(base + ".test.yml"), "\(file) ships with a test file")
        }
        let check = try CommandRun.backlog(["rules", "check"] + ruleFiles)
        #expect(check.status == 0, "\(check.stderr)")
        let test = try CommandRun.backlog(["rules", "test"] + testFiles)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.components(separatedBy: ": PASS").count == testFiles.count + 1)
    }
}
