import Foundation
import TestSupport

/// `fleet_agents`: what agents cost as the unit of scale-out. 1,000 simulated nodes × 200 series
/// (a `backlog fleet` child process) polled every 5 s and remote-written to one real
/// VictoriaMetrics, first by 4 shards × 2 replicas (8 `backlog agent` processes), then by one agent
/// alone; each for 12 cycles after two to warm up. CPU and memory are the agent processes' own,
/// from `/proc`: polling, parsing, the history, remote write and everything else an agent does.
enum MultiAgentBenchmark {
    static let nodes = 1000
    /// Enough for the load scenario's 174 process series per node, and no more: the fleet
    /// process holds every node's processes.
    static let processesPerNode = 400
    static let shards = 4
    static let replicas = ["a", "b"]
    static let intervalSeconds = 5
    static let measuredCycles = 12

    static func run() -> [BenchmarkResult] {
        guard FileManager.default.isExecutableFile(atPath: StoreServer.Kind.victoriaMetrics.executable) else {
            progress("skipped: \(StoreServer.Kind.victoriaMetrics.executable) is not installed")
            return []
        }
        let directory = NSTemporaryDirectory() + "backlog-bench-fleet-agents-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            progress("starting \(nodes) simulated nodes and VictoriaMetrics")
            let fleet = try FleetProcess.start(nodes: nodes, processesPerNode: processesPerNode, scenario: "load")
            defer { fleet.stop() }
            // Deduplicates the two replicas of a shard, as an HA pair is run.
            let store = try StoreServer.start(
                .victoriaMetrics, directory: "\(directory)/store", arguments: ["-dedup.minScrapeInterval=\(intervalSeconds)s"])
            defer { store.stop() }
            let list = fleet.addresses.map { "'\($0)'" }.joined(separator: ", ")
            try "- targets: [\(list)]\n".write(toFile: "\(directory)/targets.yml", atomically: true, encoding: .utf8)
            let setup = Setup(directory: directory, writeURL: store.writeURL)

            progress("\(shards) shards × \(replicas.count) replicas: \(shards * replicas.count) agents for \(measuredCycles * intervalSeconds) s")
            var agents: [AgentProcess] = []
            for shard in 0..<shards {
                for replica in replicas { agents.append(try setup.agent(shard: shard, replica: replica)) }
            }
            let shared = try measure(agents, store: store)
            progress("one agent alone for \(measuredCycles * intervalSeconds) s")
            let alone = try measure([try setup.agent(shard: nil, replica: "a")], store: store)
            let perAgent = shared.residentBytes.reduce(0, +) / Double(shared.residentBytes.count)
            return [
                BenchmarkResult(name: "fleet_agents_cpu_s_per_million_samples_8_agents", value: shared.cpuPerMillion, unit: "cpu_s"),
                BenchmarkResult(name: "fleet_agents_cpu_s_per_million_samples_1_agent", value: alone.cpuPerMillion, unit: "cpu_s"),
                BenchmarkResult(name: "agent_samples_per_cpu_second", value: alone.samples / alone.cpuSeconds, unit: "samples/cpu_s"),
                BenchmarkResult(name: "agent_memory_bytes_per_series", value: alone.residentBytes[0] / alone.seriesPerAgent, unit: "bytes"),
                BenchmarkResult(name: "agent_memory_mb_1000_nodes", value: alone.residentBytes[0] / 1_048_576, unit: "MiB"),
                BenchmarkResult(name: "fleet_agents_memory_bytes_per_series_8_agents", value: perAgent / shared.seriesPerAgent, unit: "bytes"),
                BenchmarkResult(name: "fleet_store_cpu_s_per_million_samples", value: shared.storeCPUPerMillionSent, unit: "cpu_s"),
                BenchmarkResult(name: "fleet_agents_failed_scrapes", value: shared.failedScrapes + alone.failedScrapes, unit: "scrapes"),
            ]
        } catch {
            progress("failed: \(error)")
            return []
        }
    }

    /// What one phase measured, over its measured cycles.
    struct Phase {
        var cpuSeconds: Double
        /// Samples the agents read from the nodes.
        var samples: Double
        /// Series each agent stores a cycle (node series plus `up` and `scrape_*`), on average.
        var seriesPerAgent: Double
        var residentBytes: [Double]
        var failedScrapes: Double
        /// VictoriaMetrics's CPU per million samples the agents sent it (both replicas counted).
        var storeCPUPerMillionSent: Double

        var cpuPerMillion: Double { cpuSeconds / samples * 1e6 }
    }

    /// Starts the agents, lets them warm up (connections open, series created), measures
    /// `measuredCycles` cycles from one quiet moment (every cycle stored and sent) to another,
    /// and stops them.
    static func measure(_ agents: [AgentProcess], store: StoreServer) throws -> Phase {
        defer { for agent in agents { agent.stop() } }
        try waitForQuiet(agents, cycles: 2)
        let before = try snapshot(agents)
        let storeBefore = ProcessUsage.of(store.processIdentifier)?.cpuSeconds ?? 0
        // Reading /metrics costs the agents CPU too: asked only near the end of the window.
        Thread.sleep(forTimeInterval: Double((measuredCycles - 1) * intervalSeconds))
        try waitForQuiet(agents, cycles: Int(before.cycles.min() ?? 0) + measuredCycles)
        let after = try snapshot(agents)
        let storeCPU = (ProcessUsage.of(store.processIdentifier)?.cpuSeconds ?? 0) - storeBefore
        let cycles = zip(after.cycles, before.cycles).map { $0 - $1 }
        let stored = zip(after.stored, before.stored).map { $0 - $1 }
        let sent = after.sent - before.sent
        return Phase(
            cpuSeconds: after.cpuSeconds - before.cpuSeconds, samples: after.scraped - before.scraped,
            seriesPerAgent: zip(stored, cycles).map { $0 / max(1, $1) }.reduce(0, +) / Double(agents.count),
            residentBytes: after.residentBytes, failedScrapes: after.failed - before.failed,
            storeCPUPerMillionSent: sent > 0 ? storeCPU / sent * 1e6 : 0)
    }

    /// The agents' figures at one moment.
    struct Snapshot {
        var cpuSeconds = 0.0
        var scraped = 0.0
        var sent = 0.0
        var failed = 0.0
        var cycles: [Double] = []
        var stored: [Double] = []
        var residentBytes: [Double] = []
    }

    static func snapshot(_ agents: [AgentProcess]) throws -> Snapshot {
        var snapshot = Snapshot()
        for agent in agents {
            guard let usage = agent.processIdentifier.flatMap(ProcessUsage.of), let figures = agent.figures() else { throw BenchmarkFailure("agent \(agent.name) exited") }
            snapshot.cpuSeconds += usage.cpuSeconds
            snapshot.residentBytes.append(usage.residentBytes)
            snapshot.scraped += figures["backlog_samples_scraped_total"] ?? 0
            snapshot.sent += figures["backlog_remote_write_samples_total{remote_name=\"vm\"}"] ?? 0
            snapshot.failed += figures["backlog_scrapes_total{result=\"down\"}"] ?? 0
            snapshot.cycles.append(figures["backlog_cycles_total"] ?? 0)
            snapshot.stored.append(figures["backlog_samples_stored_total"] ?? 0)
        }
        return snapshot
    }

    /// Waits until every agent has run `cycles` cycles and sent all it stored.
    static func waitForQuiet(_ agents: [AgentProcess], cycles: Int) throws {
        let deadline = ContinuousClock.now + .seconds(cycles * intervalSeconds + 90)
        while ContinuousClock.now < deadline {
            if let exited = agents.first(where: { !$0.isRunning }) { throw BenchmarkFailure("agent \(exited.name) exited: \(exited.logTail)") }
            let quiet = agents.allSatisfy { agent in
                guard let figures = agent.figures() else { return false }
                return (figures["backlog_cycles_total"] ?? 0) >= Double(cycles)
                    && figures["backlog_remote_write_samples_pending{remote_name=\"vm\"}"] == 0
                    && (figures["backlog_remote_write_samples_total{remote_name=\"vm\"}"] ?? 0) > 0
            }
            if quiet { return }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw BenchmarkFailure(
            "the agents did not reach \(cycles) cycles with everything sent in time: \(agents.map { "\($0.name): \($0.logTail)" })")
    }

    /// Writes the agents' configs: the same targets file, one shard each (or all of it), the
    /// replica as an external label that remote write drops so the store can deduplicate.
    struct Setup {
        var directory: String
        var writeURL: String

        func agent(shard: Int?, replica: String) throws -> AgentProcess {
            let name = shard.map { "shard\($0)\(replica)" } ?? "alone"
            let port = LoopbackPort.unused()
            let config = "\(directory)/\(name).yml"
            try """
                interval: \(intervalSeconds)s
                timeout: 4s
                targets:
                  - {job: load, targets_file: targets.yml}
                \(shard.map { "shard: {total: \(shards), index: \($0)}" } ?? "")
                history: {path: \(name).db}
                listen: 127.0.0.1:\(port)
                external_labels: {replica: \(replica)}
                remote_write:
                  - name: vm
                    url: \(writeURL)
                    write_relabel_configs: [{action: labeldrop, regex: replica}]
                    queue_config: {batch_send_deadline: 1s}

                """.write(toFile: config, atomically: true, encoding: .utf8)
            let agent = AgentProcess(config: config, port: port, name: name)
            try agent.start(log: "\(directory)/\(name).log", arguments: ["--log-level", "warning"])
            return agent
        }
    }

    struct BenchmarkFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("fleet_agents: \(line)\n".utf8))
    }
}
