import TimeSeries
import Query

/// Runs rule unit tests in promtool's format (`backlog rules test`), so rules can be tested
/// without a fleet: input series in memory, every group evaluated at each evaluation
/// interval from 0, alerts compared at their `eval_time`, queries at theirs.
public enum RuleTestRunner {
    /// Runs every test group of a test file. Errors in the test file or its rule files are
    /// thrown; failing checks are in the outcome.
    public static func run(path: String) throws(RuleFileErrors) -> RuleTestOutcome {
        let file = try RuleTestFileParser.load(path: path)
        let rules = try RuleSet.load(paths: file.ruleFiles)
        var outcome = RuleTestOutcome(file: path)
        if file.ruleFiles.isEmpty || rules.groups.isEmpty {
            outcome.warnings.append("no rule groups loaded from rule_files")
        }
        let groupNames = Set(rules.groups.map(\.name))
        for name in file.groupEvaluationOrder where !groupNames.contains(name) {
            outcome.warnings.append("group_eval_order names \"\(name)\", which no rule file has")
        }
        for test in file.tests {
            outcome.checks += test.checkCount
            outcome.failures += run(test, rules: ordered(rules, by: file.groupEvaluationOrder), file: file)
        }
        return outcome
    }

    /// Groups named in `group_eval_order` first, in that order, then the rest as loaded; every
    /// group runs at every step, as promtool runs them.
    private static func ordered(_ rules: RuleSet, by order: [String]) -> RuleSet {
        var groups = rules.groups.map { group in
            var copy = group
            copy.interval = nil
            return copy
        }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        groups = groups.enumerated().sorted { left, right in
            (rank[left.element.name] ?? order.count, left.offset) < (rank[right.element.name] ?? order.count, right.offset)
        }.map(\.element)
        return RuleSet(files: [RuleFile(path: "", groups: groups)])
    }

    private static func run(_ test: RuleTestFile.TestGroup, rules: RuleSet, file: RuleTestFile) -> [RuleTestFailure] {
        let options = RuleEngineOptions(
            query: QueryOptions(defaultSubqueryStep: file.evaluationInterval), cycleInterval: file.evaluationInterval,
            externalLabels: test.externalLabels, externalURL: test.externalURL)
        var engine = RuleEngine(rules: rules, options: options)
        var store = RuleTestStore(test.inputSeries, interval: test.interval)
        let alertTests = test.alertTests.sorted { $0.evalTime < $1.evalTime }
        let lastTime = (alertTests.map(\.evalTime) + test.queryTests.map(\.evalTime)).max() ?? .zero
        let step = max(file.evaluationInterval.milliseconds, 1)
        var failures: [RuleTestFailure] = []
        var next = 0
        var time: Int64 = 0
        while time <= lastTime.milliseconds {
            let result = engine.evaluate(at: Timestamp(milliseconds: time), reader: store)
            store.append(result.samples)
            if !result.ruleErrors.isEmpty {
                // As promtool: a rule that cannot be evaluated ends the test group.
                let lines = result.ruleErrors.map { "rule \"\($0.rule)\" (\($0.location)): \($0.message)" }
                return failures + [RuleTestFailure(title: "\(title(test)): rules failed at \(PromDuration(milliseconds: time))", lines: lines)]
            }
            while next < alertTests.count, alertTests[next].evalTime.milliseconds < time + step {
                if let failure = check(alertTests[next], engine: engine, test: test) { failures.append(failure) }
                next += 1
            }
            time += step
        }
        let queries = QueryEngine(reader: store, options: options.query)
        for queryTest in test.queryTests {
            if let failure = check(queryTest, engine: queries, test: test) { failures.append(failure) }
        }
        return failures
    }

    private static func check(_ test: RuleTestFile.AlertTest, engine: RuleEngine, test group: RuleTestFile.TestGroup) -> RuleTestFailure? {
        let got = engine.alerts.filter { $0.ruleName == test.alertname && $0.state == .firing }
            .map { RuleTestFile.ExpectedAlert(labels: $0.labels, annotations: $0.annotations) }
        let lines = RuleTestDiff.alerts(expected: test.expected, got: got)
        guard !lines.isEmpty else { return nil }
        return RuleTestFailure(
            title: "\(title(group)): alert \(test.alertname) at \(test.evalTime) (\(test.location)) — expected (-), got (+)",
            lines: lines)
    }

    private static func check(_ test: RuleTestFile.QueryTest, engine: QueryEngine, test group: RuleTestFile.TestGroup) -> RuleTestFailure? {
        let title = "\(title(group)): expr `\(test.expr)` at \(test.evalTime) (\(test.location))"
        let got: [RuleTestFile.ExpectedSample]
        do {
            switch try engine.instant(test.expr, at: Timestamp(milliseconds: test.evalTime.milliseconds)) {
            case .vector(let samples): got = samples.map { RuleTestFile.ExpectedSample(labels: $0.labels, value: $0.v) }
            case .scalar(_, let value): got = [RuleTestFile.ExpectedSample(labels: Labels(), value: value)]
            default: return RuleTestFailure(title: title, lines: ["the expression must give an instant vector or a scalar"])
            }
        } catch {
            return RuleTestFailure(title: title, lines: ["error: \(error)"])
        }
        let lines = RuleTestDiff.samples(expected: test.expected, got: got)
        return lines.isEmpty ? nil : RuleTestFailure(title: title + " — expected (-), got (+)", lines: lines)
    }

    private static func title(_ group: RuleTestFile.TestGroup) -> String { "test \"\(group.name)\"" }
}

/// The result of one test file.
public struct RuleTestOutcome: Sendable {
    public var file: String
    /// How many alert and query checks ran.
    public var checks = 0
    public var failures: [RuleTestFailure] = []
    public var warnings: [String] = []

    public init(file: String) { self.file = file }

    public var passed: Bool { failures.isEmpty }

    /// `file: PASS (n checks)`, or `FAIL` with each failure and its diff.
    public var report: String {
        var lines = ["\(file): \(passed ? "PASS" : "FAIL") (\(checks) checks\(passed ? "" : ", \(failures.count) failed"))"]
        lines += warnings.map { "  warning: \($0)" }
        for failure in failures {
            lines.append("  \(failure.title)")
            lines += failure.lines.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// One failed check: what was checked, and the difference as `-` (expected) and `+` (got) lines.
public struct RuleTestFailure: Sendable, Equatable {
    public var title: String
    public var lines: [String]
}
