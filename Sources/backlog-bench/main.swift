import Foundation
import Glibc

// Runs every benchmark and prints `name value unit` lines, each as soon as it is measured.
// `backlog-bench NAME…` runs only the groups named (parse, store, query, render, poller, rules, exporter, detection, remote_write,
// api, source, shard, ha, fleet_agents, agent). Long groups run only when named: soak (an hour and ten minutes).

let groups: [(name: String, run: () -> [BenchmarkResult])] = [
    ("parse", ParseBenchmark.run),
    ("parse", ColdParseBenchmark.run),
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
    ("agent", AgentCostBenchmark.run),
]

let namedOnly: [(name: String, run: () -> [BenchmarkResult])] = [
    ("soak", SoakBenchmark.run)
]

let wanted = Set(CommandLine.arguments.dropFirst())
let names = (groups + namedOnly).map(\.name).reduce(into: [String]()) { names, name in
    if !names.contains(name) { names.append(name) }
}
if let unknown = wanted.sorted().first(where: { !names.contains($0) }) {
    let message = "backlog-bench: no benchmark group named '\(unknown)'; the groups are: \(names.joined(separator: " "))\n"
    FileHandle.standardError.write(Data(message.utf8))
    exit(2)
}
let chosen = groups.filter { wanted.isEmpty || wanted.contains($0.name) } + namedOnly.filter { wanted.contains($0.name) }
for group in chosen {
    for result in group.run() {
        print(result.line)
        // Flushed at once, so the figures measured before a failing benchmark are kept in a log.
        fflush(nil)
    }
}
