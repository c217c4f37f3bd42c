import Alerting
import Foundation
import Query
import TimeSeries

/// How long rule evaluation takes over a large fleet: the shipped rules plus 100 threshold
/// rules (one per job, 10,000 series each) over 1,000,000 process series. `rule_eval_ms` is one
/// evaluation with every group due; `rule_eval_cycle_ms` the average over 15 one-second poll
/// cycles, in which the trend group (`interval: 15s`) runs once. For tuning,
/// `RULE_BENCH_DETAIL=1` prints per-rule and per-group times and `RULE_BENCH_PROBE=1` (or a
/// piece of a query) times single queries.
enum RuleBenchmark {
    static func run() -> [BenchmarkResult] {
        let reader = InMemorySeriesReader(RuleBenchmarkFleet.series())
        let rules: RuleSet
        do {
            rules = try RuleSet.load(paths: shippedRuleFiles())
        } catch {
            fatalError("rule benchmark: shipped rules do not load:\n\(error)")
        }
        if let mode = ProcessInfo.processInfo.environment["RULE_BENCH_PROBE"] {
            probe(reader, only: mode)
            if !mode.isEmpty && mode != "1" { return [] }
        }
        let allRules = RuleSet(files: rules.files + [thresholdRules()])
        let time = Timestamp(milliseconds: RuleBenchmarkFleet.now)
        // One evaluation with every group due, right after the poll cycle that stored the
        // latest samples: a fresh engine each time, so the trend group (every 15 s) runs too.
        // CPU time of this single-threaded process: the figure is about the work, and the
        // machine it runs on is often shared with builds.
        var times: [Double] = []
        var last = EvaluationResult(time: time)
        for run in 0...7 {
            var engine = RuleEngine(rules: allRules)
            let start = MonotonicClock.processCPUNanoseconds()
            last = engine.evaluate(at: time, reader: reader)
            if run > 0 { times.append(Double(MonotonicClock.processCPUNanoseconds() - start) / 1_000_000) }
        }
        guard last.ruleErrors.isEmpty, last.ruleRuns.count == 116, !last.transitions.isEmpty else {
            fatalError("rule benchmark: unexpected evaluation: \(last.ruleErrors) \(last.ruleRuns.count) rules")
        }
        // The average over 15 one-second poll cycles, in which the trend group runs once.
        var engine = RuleEngine(rules: allRules)
        var cycleResult = last
        var cycleTimes: [Double] = []
        for cycle in 0..<15 {
            let start = MonotonicClock.processCPUNanoseconds()
            cycleResult = engine.evaluate(at: time + .seconds(Int64(cycle)), reader: reader)
            cycleTimes.append(Double(MonotonicClock.processCPUNanoseconds() - start) / 1_000_000)
        }
        let perCycle = cycleTimes.reduce(0, +) / Double(cycleTimes.count)
        // For profiling: more cycles of the same, after the figures are taken.
        let extra = Int(ProcessInfo.processInfo.environment["RULE_BENCH_EXTRA_CYCLES"] ?? "") ?? 0
        for cycle in 0..<extra { _ = engine.evaluate(at: time + .seconds(Int64(15 + cycle % 10)), reader: reader) }
        if ProcessInfo.processInfo.environment["RULE_BENCH_DETAIL"] != nil {
            for run in last.ruleRuns.sorted(by: { $0.nanoseconds > $1.nanoseconds }).prefix(12) {
                print("  \(run.group)/\(run.rule): \(Double(run.nanoseconds) / 1e6) ms, \(run.seriesCount) series")
            }
            print("  cycles: \(cycleTimes.map { String(Int($0)) }.joined(separator: " ")) ms")
            for (name, result) in [("full", last), ("cycle", cycleResult)] {
                for group in Set(result.ruleRuns.map(\.group)).sorted() {
                    let total = result.ruleRuns.filter { $0.group == group }.reduce(0) { $0 + $1.nanoseconds }
                    print("  \(name) group \(group): \(Double(total) / 1e6) ms")
                }
            }
        }
        return [
            BenchmarkResult(name: "rule_eval_ms", value: times.sorted()[times.count / 2], unit: "ms"),
            BenchmarkResult(name: "rule_eval_cycle_ms", value: perCycle, unit: "ms"),
        ]
    }

    /// Where a threshold rule's time goes, for tuning.
    private static func probe(_ reader: InMemorySeriesReader, only: String) {
        let time = Timestamp(milliseconds: RuleBenchmarkFleet.now)
        func measure(_ label: String, _ body: () throws -> Int) {
            let start = MonotonicClock.processCPUNanoseconds()
            var count = 0
            for _ in 0..<(only == "1" ? 20 : 200) { count = (try? body()) ?? -1 }
            print("  probe \(label): \(Double(MonotonicClock.processCPUNanoseconds() - start) / (only == "1" ? 20e6 : 200e6)) ms (\(count))")
        }
        let matchers = [LabelMatcher.equal("__name__", "erlang_process_message_queue_len"), LabelMatcher.equal("job", "chat_7")]
        measure("series {name, job}") { reader.series(matching: matchers, from: time - .seconds(300), through: time).count }
        measure("series {name}") { reader.series(matching: [matchers[0]], from: time - .seconds(300), through: time).count }
        let engine = QueryEngine(reader: reader)
        for text in [
            "erlang_process_message_queue_len{job=\"chat_7\"} > 5000", "erlang_process_message_queue_len > 10000",
            "deriv(erlang_process_message_queue_len[1m]) > 100", "predict_linear(erlang_process_message_queue_len[5m], 600) > 10000",
            "erlang_vm_process_count / erlang_vm_process_limit",
            "erlang_vm_process_count", "sum by (job, instance) (erlang_vm_memory_bytes_total{kind=~\"processes|system\"})",
            "(erlang_vm_statistics_run_queues_length > 100) * on (job, instance) group_left (node) erlang_node_info",
        ] {
            let expr = try! QueryEngine.parse(text)
            if only != "1", !text.contains(only) { continue }
            measure(text) {
                guard case .vector(let samples) = try engine.instant(expr, at: time) else { return -1 }
                return samples.count
            }
        }
    }

    /// `erlang_process_message_queue_len{job="chat_N"} > 5000`, one rule per job.
    static func thresholdRules() -> RuleFile {
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
    static func shippedRuleFiles() -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let folder = FileManager.default.fileExists(atPath: root + "/rules") ? root + "/rules" : "rules"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yml") && !$0.hasSuffix(".test.yml") }.sorted().map { folder + "/" + $0 }
    }
}
