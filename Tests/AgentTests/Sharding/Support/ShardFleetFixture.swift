import Agent
import Fleet
import Foundation
import History
import Logging
import Probe
import Synchronization
import TestSupport
import TimeSeries

/// A simulated fleet on loopback and backlog.yml files that split it into shards, one per agent.
final class ShardFleetFixture: Sendable {
    let directory: String
    let fleet: FleetServer

    private init(directory: String, fleet: FleetServer) {
        self.directory = directory
        self.fleet = fleet
    }

    /// Starts `nodes` simulated nodes on free ports, held 10 s into the default story: every node
    /// answers however long a loaded machine takes over the test (a minute in, chat5 goes down).
    static func start(nodes: Int) async throws -> ShardFleetFixture {
        let directory = NSTemporaryDirectory() + "backlog-shard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let clock = ManualClock()
        clock.advance(to: Timestamp(milliseconds: clock.epoch.milliseconds + 10_500))
        let fleet = FleetServer(
            config: FleetConfig(nodeCount: nodes, basePort: 0, processesPerNode: 200, epoch: clock.epoch), clock: FleetClock(clock),
            threadCount: 1)
        try await fleet.start()
        return ShardFleetFixture(directory: directory, fleet: fleet)
    }

    func shutdown() async throws {
        try await fleet.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Every node's `host:port`.
    var addresses: [String] { fleet.targets }

    /// The addresses shard `index` of `total` holds, by the same `hashmod` Prometheus uses.
    func addresses(total: Int, index: Int) -> Set<String> {
        Set(addresses.filter { Shard.index(of: $0, total: total) == index })
    }

    /// A shard to move to from `total`/`index` that both gives up targets of this fleet and
    /// takes on others (the fleet's ports are random, so no fixed choice always does).
    func reshard(from total: Int, _ index: Int) -> (total: Int, index: Int)? {
        let before = addresses(total: total, index: index)
        let candidates = (2...6).flatMap { total in (0..<total).map { (total: total, index: $0) } }
        return candidates.first { candidate in
            let after = addresses(total: candidate.total, index: candidate.index)
            return !before.subtracting(after).isEmpty && !after.subtracting(before).isEmpty
        }
    }

    /// Writes `<name>.yml` for one agent: the whole fleet, `shard: {total, index}`, its own
    /// history `<name>.db`; returns its path. An agent that listens runs on the wall clock, every
    /// 200 ms; the others are stepped by their tests, so only their timeout matters: a generous
    /// one, since the suite runs many fleets at once on few cores.
    @discardableResult
    func writeConfig(_ name: String, total: Int, index: Int, listen: Int? = nil) throws -> String {
        let targets = addresses.map { "\"\($0)\"" }.joined(separator: ", ")
        var text = """
            \(listen == nil ? "interval: 5s\ntimeout: 5s" : "interval: 200ms\ntimeout: 200ms")
            targets:
              - {job: chat, targets: [\(targets)]}
            shard: {total: \(total), index: \(index)}
            history: {path: \(name).db}

            """
        if let listen { text += "listen: 127.0.0.1:\(listen)\n" }
        let path = "\(directory)/\(name).yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes `<name>.yml` for one agent whose targets come from `targets.yml`, holding `addresses`.
    func writeTargetsFileConfig(_ name: String, total: Int, index: Int, addresses: [String]) throws -> String {
        let list = addresses.map { "'\($0)'" }.joined(separator: ", ")
        try "- targets: [\(list)]\n".write(toFile: "\(directory)/targets.yml", atomically: true, encoding: .utf8)
        let path = "\(directory)/\(name).yml"
        try """
            interval: 5s
            timeout: 5s
            targets:
              - {job: chat, targets_file: targets.yml}
            shard: {total: \(total), index: \(index)}
            history: {path: \(name).db}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func config(_ name: String, total: Int, index: Int) throws -> AgentConfig {
        try AgentConfig.load(path: writeConfig(name, total: total, index: index))
    }

    /// The series of `address` in `<name>.db` that came from its exposition (not `up` and the
    /// other series the agent adds).
    func exportedSeries(_ name: String, address: String) throws -> [SeriesData] {
        let reader = try HistoryReader(path: "\(directory)/\(name).db")
        return try reader.select([LabelMatcher.equal("instance", address)], from: Timestamp(milliseconds: 0), through: Timestamp.now())
            .filter { !($0.labels.name == "up" || $0.labels.name.hasPrefix("scrape_")) }
    }

    /// The `up` series in `<name>.db`, by instance.
    func upSeries(_ name: String) throws -> [String: SeriesData] {
        let reader = try HistoryReader(path: "\(directory)/\(name).db")
        let series = try reader.select([LabelMatcher.equal("__name__", "up")], from: Timestamp(milliseconds: 0), through: Timestamp.now())
        return Dictionary(series.map { ($0.labels["instance"] ?? "", $0) }, uniquingKeysWith: { $1 })
    }
}

/// What an agent's cycles polled and retired, recorded from its cycle observer.
final class PolledCycles: Sendable {
    struct Cycle: Sendable {
        var timestamp: Timestamp
        /// Addresses that answered.
        var up: Set<String>
        /// Addresses polled, answering or not.
        var polled: Set<String>
        var otherShards: Set<String>
        var retired: [Sample]
    }

    private let cycles = Mutex<[Cycle]>([])

    init(_ runtime: AgentRuntime) {
        runtime.observeCycles { [self] cycle in
            let recorded = Cycle(
                timestamp: cycle.timestamp, up: Set(cycle.scrapes.filter(\.isUp).map(\.target.address)),
                polled: Set(cycle.scrapes.map(\.target.address)), otherShards: Set(cycle.otherShardsTargets.map(\.address)),
                retired: cycle.retiredSamples)
            cycles.withLock { $0.append(recorded) }
        }
    }

    var all: [Cycle] { cycles.withLock { $0 } }

    /// A logger that drops every line, for agents whose log a test does not read.
    static var quietLogger: Logger { Logger(label: "test") { _ in SwiftLogNoOpLogHandler() } }
}
