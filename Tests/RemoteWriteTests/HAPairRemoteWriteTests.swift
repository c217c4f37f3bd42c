import Fleet
import Foundation
import TestSupport
import Testing
import TimeSeries

/// The two `backlog agent`s of an HA pair remote-writing the same fleet to a real VictoriaMetrics
/// that deduplicates them (`-dedup.minScrapeInterval` = the poll interval): one is killed with
/// `kill -9` and started again, the other stopped later, and the store still holds exactly one
/// sample per series for every poll of the run.
@Suite(.serialized) struct HAPairRemoteWriteTests {
    static let highest = #"backlog_remote_write_highest_timestamp_seconds{remote_name="vm"}"#

    /// backlog.yml of one replica: the same targets for both, the replica label dropped from
    /// what is written so both write the same series.
    static func agent(_ replica: String, directory: String, fleet: FleetServer, store: StoreProcess) throws -> AgentProcess {
        let port = LoopbackPort.unused()
        let path = "\(directory)/backlog-\(replica).yml"
        try """
            interval: 1s
            targets:
              - {job: chat, targets: [\(fleet.targets.map { "\"\($0)\"" }.joined(separator: ", "))]}
            external_labels: {dc: ams, replica: \(replica)}
            ha: {replica_label: replica}
            history: {path: \(replica).db}
            listen: 127.0.0.1:\(port)
            remote_write:
              - name: vm
                url: \(store.writeURL)
                write_relabel_configs: [{action: labeldrop, regex: replica}]
                queue_config: {batch_send_deadline: 200ms, min_backoff: 50ms, max_backoff: 500ms}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return AgentProcess(config: path, port: port)
    }

    /// The poll ticks (ms) of a stopped agent's history: those of its `up` series.
    static func ticks(_ history: String) throws -> [Int64] {
        let stored = try RemoteWriteFixture.stored(history)
        return Set(stored.filter { $0.key["__name__"] == "up" }.values.flatMap { $0.map(\.0) }).sorted()
    }

    @Test(.enabled(if: StoreProcess.available(.victoriaMetrics)))
    func aReplicaKilledAndRestartedLeavesNeitherGapsNorDoubleSamples() async throws {
        let fixture = try RemoteWriteFixture()
        let victoria = try StoreProcess(.victoriaMetrics, arguments: ["-dedup.minScrapeInterval=1s"])
        try await victoria.start()
        // Every node serves the same 200 series every second: none comes or goes during the run.
        let fleet = FleetServer(config: FleetConfig(nodeCount: 3, basePort: 0, processesPerNode: 200, scenario: .load), threadCount: 1)
        try await fleet.start()
        let a = try Self.agent("a", directory: fixture.directory, fleet: fleet, store: victoria)
        let b = try Self.agent("b", directory: fixture.directory, fleet: fleet, store: victoria)
        defer {
            a.kill()
            b.kill()
        }
        try a.start(log: "\(fixture.directory)/a1.log")
        try b.start(log: "\(fixture.directory)/b.log")
        try await RemoteWriteFixture.waitUntil("both replicas write") {
            (a.figure(Self.highest) ?? 0) > 0 && (b.figure(Self.highest) ?? 0) > 0
        }
        try await b.waitForPolls(2)

        // Replica a dies mid-run; b alone writes for a few polls; a comes back over its history.
        a.kill()
        try await b.waitForPolls(4)
        let restartedAt = Double(Timestamp.now().milliseconds) / 1000
        try a.start(log: "\(fixture.directory)/a2.log")
        try await RemoteWriteFixture.waitUntil("the restarted replica writes new polls") { (a.figure(Self.highest) ?? 0) > restartedAt }

        // Then b stops and a alone writes the end of the run.
        b.stop()
        try await a.waitForPolls(4)
        let end = Int64(try #require(a.figure(Self.highest)) * 1000)
        a.stop()
        try await fleet.shutdown()

        let ticksA = try Self.ticks("\(fixture.directory)/a.db")
        let ticksB = try Self.ticks("\(fixture.directory)/b.db")
        let start = max(try #require(ticksA.first), try #require(ticksB.first))
        let run = Array(stride(from: start, through: end, by: 1000))
        #expect(run.count >= 10)
        // The scenario happened: each replica alone wrote some of the run's polls.
        #expect(run.contains { !ticksA.contains($0) }, "replica a missed polls while it was dead")
        #expect(run.contains { !ticksB.contains($0) }, "replica b missed the end of the run")
        #expect(run.allSatisfy { ticksA.contains($0) || ticksB.contains($0) }, "between them the replicas polled every tick")

        // The series either replica stored, as written: the replica label dropped, dc kept.
        let expected = Set(try RemoteWriteFixture.stored("\(fixture.directory)/b.db", adding: Labels(["dc": "ams"])).keys)
        #expect(expected.count >= 600, "3 nodes of 200 series each, plus up and scrape_* per node")
        var problems: [String] = []
        // Samples become searchable a moment after they arrive; what is still wrong then is the answer.
        do {
            try await RemoteWriteFixture.waitUntil("VictoriaMetrics holds one sample per series for every poll of the run") {
                _ = try? LoopbackConnection.get(port: victoria.port, path: "/internal/force_flush")
                problems = Self.problems(in: try victoria.allSeries(at: Timestamp.now()), expected: expected, run: run)
                return problems.isEmpty
            }
        } catch is WaitTimedOut {}
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    /// What is wrong with the store's series: a replica label, a series missing or not expected,
    /// a poll of the run without a sample or with more than one.
    static func problems(in series: [StoreProcess.Series], expected: Set<Labels>, run: [Int64]) -> [String] {
        var problems: [String] = []
        let stored = Set(series.map(\.labels))
        if stored.count != series.count { problems.append("a series appears twice in the export") }
        for missing in expected.subtracting(stored).prefix(3) { problems.append("missing series \(missing)") }
        for extra in stored.subtracting(expected).prefix(3) { problems.append("unexpected series \(extra)") }
        let window = run.first!...run.last!
        for one in series where expected.contains(one.labels) {
            let times = one.timestamps.filter { window.contains($0) }
            if times != run {
                let doubled = times.count - Set(times).count
                let gaps = Set(run).subtracting(times).count
                problems.append("\(one.labels): \(gaps) polls without a sample, \(doubled) doubled, \(times.count) in the run of \(run.count)")
            }
        }
        return problems
    }
}
