// Runs every benchmark the issues name and prints `name value unit` lines.
// `backlog-bench NAME…` runs only the groups named (store, poller, render, …).

let groups: [(name: String, run: () -> [BenchmarkResult])] = [
    ("store", StoreBenchmark.run),
    ("poller", PollerBenchmark.run),
    ("render", RenderBenchmark.run),
]

let wanted = Set(CommandLine.arguments.dropFirst())
for group in groups where wanted.isEmpty || wanted.contains(group.name) {
    for result in group.run() { print(result.line) }
}
