import Foundation
import TestSupport

/// `agent`: what one `backlog agent` process costs per sample end to end — polling, parsing, the
/// history, the memory window, staleness — over a `backlog fleet` child process at a 1 s
/// interval, with no rules and no remote write (as the side-by-side script runs Prometheus);
/// then the same with the shipped rules. CPU is the agent process's own, from `/proc`, over
/// `measuredSeconds` after the first cycles (every series new) have passed.
enum AgentCostBenchmark {
    static let warmCycles: Double = 10
    static let measuredSeconds = 30

    static func run() -> [BenchmarkResult] {
        withScratchDirectory("agent") { directory in
            let rules = shippedRules()
            var results: [BenchmarkResult] = []
            for (nodes, processes, scenario) in [(300, 400, "load"), (500, nil, "default")] as [(Int, Int?, String)] {
                do {
                    results += try measure(nodes: nodes, processesPerNode: processes, scenario: scenario, rules: rules, directory: directory)
                } catch {
                    progress("failed: \(error)")
                }
            }
            return results
        }
    }

    /// The figures over one fleet: without rules, then with them.
    static func measure(nodes: Int, processesPerNode: Int?, scenario: String, rules: [String], directory: String) throws -> [BenchmarkResult] {
        progress("\(nodes) simulated nodes, scenario \(scenario)")
        let fleet = try FleetProcess.start(nodes: nodes, processesPerNode: processesPerNode, scenario: scenario)
        defer { fleet.stop() }
        let list = fleet.addresses.map { "'\($0)'" }.joined(separator: ", ")
        try "- targets: [\(list)]\n".write(toFile: "\(directory)/targets.yml", atomically: true, encoding: .utf8)
        let plain = try measure(directory: directory, name: "\(scenario)-plain", rules: [])
        let label = "\(nodes)_nodes_\(scenario)"
        var results = [
            BenchmarkResult(name: "agent_cpu_s_per_million_samples_\(label)", value: plain.cpuPerMillion, unit: "cpu_s"),
            BenchmarkResult(name: "agent_samples_per_node_\(label)", value: plain.samplesPerCycle / Double(nodes), unit: "samples"),
            BenchmarkResult(name: "agent_missed_ticks_\(label)", value: plain.missedTicks, unit: "ticks"),
        ]
        if !rules.isEmpty {
            let ruled = try measure(directory: directory, name: "\(scenario)-rules", rules: rules)
            results.append(BenchmarkResult(name: "agent_cpu_s_per_million_samples_\(label)_with_rules", value: ruled.cpuPerMillion, unit: "cpu_s"))
        }
        return results
    }

    struct Figures {
        var cpuPerMillion: Double
        var samplesPerCycle: Double
        var missedTicks: Double
    }

    /// One agent over the targets file: started, warmed up, measured, stopped.
    static func measure(directory: String, name: String, rules: [String]) throws -> Figures {
        let port = LoopbackPort.unused()
        let config = "\(directory)/\(name).yml"
        try? FileManager.default.removeItem(atPath: "\(directory)/\(name).db")
        let ruleFiles = rules.isEmpty ? "" : "rule_files: [\(rules.map { "'\($0)'" }.joined(separator: ", "))]\n"
        try """
            interval: 1s
            timeout: 800ms
            targets:
              - {job: chat, targets_file: targets.yml}
            history: {path: \(name).db}
            listen: 127.0.0.1:\(port)
            \(ruleFiles)
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let agent = AgentProcess(config: config, port: port, name: name)
        try agent.start(log: "\(directory)/\(name).log", arguments: ["--log-level", "warning"])
        defer { agent.stop() }
        try waitForCycles(agent, warmCycles)
        let before = try reading(agent)
        Thread.sleep(forTimeInterval: Double(measuredSeconds))
        let after = try reading(agent)
        let samples = after.scraped - before.scraped
        let cycles = max(1, after.cycles - before.cycles)
        return Figures(
            cpuPerMillion: samples > 0 ? (after.cpuSeconds - before.cpuSeconds) / samples * 1e6 : 0,
            samplesPerCycle: samples / cycles, missedTicks: after.missed - before.missed)
    }

    struct Reading {
        var cpuSeconds: Double
        var scraped: Double
        var cycles: Double
        var missed: Double
    }

    static func reading(_ agent: AgentProcess) throws -> Reading {
        guard let usage = agent.processIdentifier.flatMap(ProcessUsage.of), let figures = agent.figures() else {
            throw MultiAgentBenchmark.BenchmarkFailure("agent \(agent.name) exited: \(agent.logTail)")
        }
        return Reading(
            cpuSeconds: usage.cpuSeconds, scraped: figures["backlog_samples_scraped_total"] ?? 0,
            cycles: figures["backlog_cycles_total"] ?? 0, missed: figures["backlog_missed_ticks_total"] ?? 0)
    }

    static func waitForCycles(_ agent: AgentProcess, _ cycles: Double) throws {
        let deadline = ContinuousClock.now + .seconds(Int(cycles) * 3 + 60)
        while ContinuousClock.now < deadline {
            guard agent.isRunning else { throw MultiAgentBenchmark.BenchmarkFailure("agent \(agent.name) exited: \(agent.logTail)") }
            if (agent.figures()?["backlog_cycles_total"] ?? 0) >= cycles { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw MultiAgentBenchmark.BenchmarkFailure("agent \(agent.name) did not reach \(Int(cycles)) cycles: \(agent.logTail)")
    }

    /// The shipped rule files (not their tests), from `rules/` in the working directory.
    static func shippedRules() -> [String] {
        let folder = FileManager.default.currentDirectoryPath + "/rules"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yml") && !$0.hasSuffix(".test.yml") }.sorted().map { "\(folder)/\($0)" }
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("agent: \(line)\n".utf8))
    }
}
