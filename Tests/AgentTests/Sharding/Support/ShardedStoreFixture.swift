import Agent
@testable import backlog
import Fleet
import Foundation
import Probe
import Query
import Synchronization
import TestSupport
import TimeSeries

/// One simulated fleet split by `shard:` between agents that each remote-write to one real
/// VictoriaMetrics, and (optionally) one more agent polling the whole fleet into a history of its
/// own. One manual clock drives the fleet and every agent, so at each tick every agent polls the
/// same simulated second and stamps it with the same time: the store and the whole-fleet history
/// hold the same samples.
final class ShardedStoreFixture: Sendable {
    /// On the interval grid, so the agents' first cycle runs as they start.
    static let start = Timestamp(milliseconds: 1_700_000_000_000)
    static let interval: Int64 = 5_000

    let directory: String
    let clock: ManualClock
    let fleet: FleetServer
    let store: StoreServer
    let shards: Int
    /// Agent `i` polls shard `i`.
    let shardAgents: [AgentRuntime]
    /// Polls every target, remote-writes nothing; its history is `whole.db`.
    let wholeFleetAgent: AgentRuntime?
    /// Shards whose agent was stopped.
    private let stopped = Mutex<Set<Int>>([])

    private init(
        directory: String, clock: ManualClock, fleet: FleetServer, store: StoreServer, shards: Int, shardAgents: [AgentRuntime],
        wholeFleetAgent: AgentRuntime?
    ) {
        self.directory = directory
        self.clock = clock
        self.fleet = fleet
        self.store = store
        self.shards = shards
        self.shardAgents = shardAgents
        self.wholeFleetAgent = wholeFleetAgent
    }

    /// Starts the fleet (the default scenario, a fixed seed), VictoriaMetrics and the agents, and
    /// returns once every agent has run its first cycle, at `start`.
    static func start(nodes: Int, shards: Int, wholeFleet: Bool) async throws -> ShardedStoreFixture {
        let directory = NSTemporaryDirectory() + "backlog-sharded-store-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let clock = ManualClock(at: start)
        let fleet = FleetServer(
            config: FleetConfig(nodeCount: nodes, basePort: 0, seed: 7, processesPerNode: 200, epoch: start), clock: FleetClock(clock),
            threadCount: 1)
        try await fleet.start()
        let store = try StoreServer.start(.victoriaMetrics, directory: "\(directory)/store")
        let targets = fleet.targets.map { "\"\($0)\"" }.joined(separator: ", ")
        func agent(_ name: String, extra: String) throws -> AgentRuntime {
            let path = "\(directory)/\(name).yml"
            try """
                interval: \(interval)ms
                targets:
                  - {job: chat, targets: [\(targets)]}
                history: {path: \(name).db}
                \(extra)
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return AgentRuntime(config: try AgentConfig.load(path: path), logger: PolledCycles.quietLogger, clock: clock)
        }
        // No external labels: the store's series are then exactly the history's, label for label.
        let shardAgents = try (0..<shards).map { index in
            try agent("shard\(index)", extra: """
                shard: {total: \(shards), index: \(index)}
                remote_write:
                  - name: vm
                    url: \(store.writeURL)
                    queue_config: {batch_send_deadline: 100ms, min_backoff: 20ms, max_backoff: 200ms}

                """)
        }
        let whole = wholeFleet ? try agent("whole", extra: "") : nil
        let fixture = ShardedStoreFixture(
            directory: directory, clock: clock, fleet: fleet, store: store, shards: shards, shardAgents: shardAgents,
            wholeFleetAgent: whole)
        for runtime in fixture.runningAgents { runtime.start() }
        try await fixture.waitForCycles()
        return fixture
    }

    /// Stops every agent, the store and the fleet, and removes the files.
    func shutdown() async throws {
        for runtime in runningAgents { runtime.stop() }
        store.stop()
        try await fleet.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The time of the last tick.
    var now: Timestamp { clock.now() }

    /// The agents still polling.
    var runningAgents: [AgentRuntime] {
        let stopped = stopped.withLock { $0 }
        return shardAgents.indices.filter { !stopped.contains($0) }.map { shardAgents[$0] } + (wholeFleetAgent.map { [$0] } ?? [])
    }

    /// Every node's `host:port`.
    var addresses: [String] { fleet.targets }

    /// The addresses shard `index` polls, by `hashmod` as the agents shard.
    func addresses(ofShard index: Int) -> Set<String> {
        Set(addresses.filter { Shard.index(of: $0, total: shards) == index })
    }

    /// Moves the clock one interval on and returns once every running agent has polled and
    /// stored that tick.
    func step() async throws {
        clock.advance(by: .millis(Self.interval))
        try await waitForCycles()
    }

    /// Every running agent's polling and storing (and the fleet's scanner) blocked on the clock:
    /// the cycle is polled and stored.
    private func waitForCycles() async throws {
        let waiters = 2 * runningAgents.count + 1
        try await waitUntil("\(waiters) loops wait for their next tick") { clock.blockedWaiters >= waiters }
    }

    /// Stops shard `index`'s agent, as if its host went away: its samples stop reaching the store.
    func stopShard(_ index: Int) {
        shardAgents[index].stop()
        stopped.withLock { _ = $0.insert(index) }
    }

    /// Returns once every running shard agent has sent everything up to the last tick and the
    /// store answers queries with it.
    func waitUntilStoreHasLastTick() async throws {
        let stopped = stopped.withLock { $0 }
        let sending = (0..<shards).filter { !stopped.contains($0) && !addresses(ofShard: $0).isEmpty }
        let tickSeconds = Double(now.milliseconds) / 1000
        try await waitUntil("every running shard agent sent the tick at \(tickSeconds)") {
            sending.allSatisfy { index in
                let runtime = shardAgents[index]
                return (Self.figure(runtime, "backlog_remote_write_highest_timestamp_seconds{remote_name=\"vm\"}") ?? 0) >= tickSeconds
                    && Self.figure(runtime, "backlog_remote_write_samples_pending{remote_name=\"vm\"}") == 0
            }
        }
        let expected = sending.reduce(0) { $0 + addresses(ofShard: $1).count }
        var answered = -1
        try await waitUntil("VictoriaMetrics answers with \(expected) up series at the last tick (it has \(answered))") {
            _ = try? LoopbackConnection.get(port: store.port, path: "/internal/force_flush")
            // A sample within the last second: this tick's, as ticks are five seconds apart.
            answered = (try? upSeriesAtLastTick()) ?? -1
            return answered == expected
        }
    }

    /// How many `up` series have a sample at the last tick in the store.
    private func upSeriesAtLastTick() throws -> Int {
        guard case .vector(let samples) = try api.instant("count(count_over_time(up[1s]))", at: now) else { return 0 }
        return samples.first.map { Int($0.v) } ?? 0
    }

    /// The store's Prometheus API, reached as `--source` reaches it.
    var api: PrometheusAPI {
        SourceSettings(url: store.url, credentials: nil, tls: TLSOptions(), timeout: .seconds(30)).api()
    }

    /// One line of an agent's `/metrics`, by its name and labels.
    static func figure(_ runtime: AgentRuntime, _ line: String) -> Double? {
        runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix(line + " ") }
            .flatMap { Double($0.split(separator: " ").last!) }
    }
}
