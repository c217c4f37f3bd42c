import Agent
import Alerting
import Foundation
import History
import Query
import TimeSeries

/// `rule_eval_history_ms`: the same rules as `rule_eval_ms`, evaluated the way `backlog agent`
/// does, through `HistorySeriesReader` over a real history file, on the first `nodes` nodes of
/// the rule benchmark's fleet (about 220 series each). The engine figure reads an in-memory
/// reader; this one shows what the store's reads add. `rule_eval_history_sql_ms` reads the same
/// file through `HistoryReader`, all from SQLite, for comparison.
enum RuleHistoryBenchmark {
    static let nodes = 500

    static func run() -> [BenchmarkResult] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backlog-rule-history-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let series = RuleBenchmarkFleet.series(nodes: nodes)
        do {
            let store = try HistoryStore(path: folder.appendingPathComponent("history.db").path)
            defer { store.close() }
            for (index, time) in series[0].timestamps.enumerated() {
                let samples = series.map { Sample(labels: $0.labels, value: $0.values[index], timestamp: Timestamp(milliseconds: time)) }
                _ = try store.append(samples, at: Timestamp(milliseconds: time))
            }
            let rules = RuleSet(files: try RuleSet.load(paths: RuleBenchmark.shippedRuleFiles()).files + [RuleBenchmark.thresholdRules()])
            // The same file through a read-only `HistoryReader`: every read goes to SQLite, as the
            // writer's reads did before it kept recent data in memory.
            let sqlReader = try HistoryReader(path: store.path)
            defer { sqlReader.close() }
            let memory = try medianMilliseconds(rules, store)
            let sql = try medianMilliseconds(rules, sqlReader)
            return [
                BenchmarkResult(name: "rule_eval_history_ms", value: memory, unit: "ms"),
                BenchmarkResult(name: "rule_eval_history_sql_ms", value: sql, unit: "ms"),
                BenchmarkResult(name: "rule_eval_history_series", value: Double(series.count), unit: "series"),
                BenchmarkResult(
                    name: "history_head_bytes_per_series", value: Double(store.memoryChunkBytes) / Double(series.count),
                    unit: "bytes_compressed_\(series[0].timestamps.count)_samples"),
            ]
        } catch {
            return [BenchmarkResult(name: "rule_eval_history_ms", value: 0, unit: "error_\(error)")]
        }
    }

    /// The median CPU time of three evaluations after a warm-up, each with a fresh engine and,
    /// as the agent does it, a fresh reader sharing the selector spans the warm-up noted.
    private static func medianMilliseconds(_ rules: RuleSet, _ history: any HistoryReading) throws -> Double {
        let time = Timestamp(milliseconds: RuleBenchmarkFleet.now)
        let spans = SelectionSpans()
        var times: [Double] = []
        for run in 0...3 {
            var engine = RuleEngine(rules: rules)
            let start = MonotonicClock.processCPUNanoseconds()
            let result = engine.evaluate(at: time, reader: HistorySeriesReader(history, spans: spans))
            if run > 0 { times.append(Double(MonotonicClock.processCPUNanoseconds() - start) / 1_000_000) }
            guard result.ruleErrors.isEmpty else { fatalError("rule history benchmark: \(result.ruleErrors)") }
        }
        return times.sorted()[times.count / 2]
    }
}
