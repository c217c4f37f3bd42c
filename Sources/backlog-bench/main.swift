import Glibc

// Runs every benchmark and prints `name value unit` lines, each as soon as it is measured.
// `backlog-bench NAME…` runs only the groups named (parse, store, query, render, poller, rules, exporter, detection, remote_write,
// api, source, shard, ha, fleet_agents).

let groups: [(name: String, run: () -> [BenchmarkResult])] = [
    ("parse", ParseBenchmark.run),
    ("store", StoreBenchmark.run),
    ("query", QueryBenchmark.run),
    ("render", RenderBenchmark.run),
    ("poller", PollerBenchmark.run),
    ("rules", RuleBenchmark.run),
    ("rules", RuleHistoryBenchmark.run),
    ("exporter", ExporterBenchmark.run),
    ("detection", DetectionBenchmark.run),
    ("remote_write", RemoteWriteBenchmark.run),
    ("api", APIBenchmark.run),
    ("source", SourceTopBenchmark.run),
    ("shard", ShardBalanceBenchmark.run),
    ("ha", HAFailoverBenchmark.run),
    ("fleet_agents", MultiAgentBenchmark.run),
]

let wanted = Set(CommandLine.arguments.dropFirst())
for group in groups where wanted.isEmpty || wanted.contains(group.name) {
    for result in group.run() {
        print(result.line)
        // Flushed at once, so the figures measured before a failing benchmark are kept in a log.
        fflush(nil)
    }
}
