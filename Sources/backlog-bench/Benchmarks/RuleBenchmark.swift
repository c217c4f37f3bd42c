import Alerting
import Foundation
import Query
import TimeSeries

/// How long one rule evaluation takes over a large fleet: the shipped rules plus 100
/// threshold rules (one per job, 10,000 series each) over 1,000,000 process series.
enum RuleBenchmark {
    static func run() -> [BenchmarkResult] {
        let reader = InMemorySeriesReader(RuleBenchmarkFleet.series())
        let rules: RuleSet
        do {
            rules = try RuleSet.load(paths: shippedRuleFiles())
        } catch {
            fatalError("rule benchmark: shipped rules do not load:\n\(error)")
        }
        var engine = RuleEngine(rules: RuleSet(files: rules.files + [thresholdRules()]))
        let time = Timestamp(milliseconds: RuleBenchmarkFleet.now)
        var times: [Double] = []
        var last = EvaluationResult(time: time)
        for run in 0...7 {
            let start = MonotonicClock.nanoseconds()
            last = engine.evaluate(at: time + .seconds(Int64(run)), reader: reader)
            if run > 0 { times.append(Double(MonotonicClock.nanoseconds() - start) / 1_000_000) }
        }
        guard last.ruleErrors.isEmpty, last.ruleRuns.count == 116, !engine.alerts.isEmpty else {
            fatalError("rule benchmark: unexpected evaluation: \(last.ruleErrors) \(last.ruleRuns.count) rules")
        }
        if ProcessInfo.processInfo.environment["RULE_BENCH_DETAIL"] != nil {
            for run in last.ruleRuns.sorted(by: { $0.nanoseconds > $1.nanoseconds }).prefix(12) {
                print("  \(run.group)/\(run.rule): \(Double(run.nanoseconds) / 1e6) ms, \(run.seriesCount) series")
            }
            for group in Set(last.ruleRuns.map(\.group)).sorted() {
                let total = last.ruleRuns.filter { $0.group == group }.reduce(0) { $0 + $1.nanoseconds }
                print("  group \(group): \(Double(total) / 1e6) ms")
            }
        }
        return [BenchmarkResult(name: "rule_eval_ms", value: times.sorted()[times.count / 2], unit: "ms")]
    }

    /// `erlang_process_message_queue_len{job="chat_N"} > 5000`, one rule per job.
    private static func thresholdRules() -> RuleFile {
        let rules = (0..<RuleBenchmarkFleet.jobs).map { job -> Rule in
            let text = "erlang_process_message_queue_len{job=\"chat_\(job)\"} > 5000"
            guard let expr = try? QueryEngine.parse(text) else { fatalError("rule benchmark: \(text) does not parse") }
            return .alerting(
                AlertingRule(
                    name: "ChatBacklog\(job)", expr: expr, holdDuration: .seconds(60),
                    labels: [TemplatedLabel(name: "severity", template: try! Template("warn"))],
                    annotations: [TemplatedLabel(name: "summary", template: try! Template("{{ $labels.pid }} holds {{ $value | humanize }}"))]))
        }
        return RuleFile(path: "thresholds", groups: [RuleGroup(name: "thresholds", file: "thresholds", rules: rules)])
    }

    /// `rules/*.yml` of the package (found from this source file, or the current folder).
    private static func shippedRuleFiles() -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let folder = FileManager.default.fileExists(atPath: root + "/rules") ? root + "/rules" : "rules"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yml") && !$0.hasSuffix(".test.yml") }.sorted().map { folder + "/" + $0 }
    }
}
