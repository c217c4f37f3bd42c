import Fleet
import Foundation
import History
import TestSupport
import Testing
import TimeSeries

/// `backlog top --evidence`: each listed process's verdict asked live of its node, and a node
/// that does not answer said so.
@Suite struct TopEvidenceTests {
    let clock = ManualClock()
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-top-evidence-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    @Test func theStuckRouterIsJudgedLiveAndASilentNodeIsNamed() async throws {
        clock.advance(to: Timestamp(milliseconds: clock.epoch.milliseconds + 60_500))
        let server = FleetServer(
            config: FleetConfig(nodeCount: 3, basePort: 0, epoch: clock.epoch), clock: FleetClock(clock), threadCount: 1)
        try await server.start()
        defer { Task { try await server.shutdown() } }
        let simulation = try #require(server.simulation)
        let router = try #require(simulation.nodeState(2, atSecond: 60).processes.first { $0.name == "chat_router" })
        let silent = "127.0.0.1:\(LoopbackPort.unused())"
        // A minute of history up to now: the router growing on chat3, a worker on a node that is gone.
        let db = "\(directory)/backlog.db"
        let store = try HistoryStore(path: db)
        let now = Timestamp.now()
        for step in 0...6 {
            let time = now - .seconds(Int64(60 - step * 10))
            let queue = "erlang_process_message_queue_len"
            _ = try store.append([
                Sample(labels: Labels(["__name__": queue, "instance": server.targets[2], "name": "chat_router", "pid": router.pid]),
                       value: Double(20_000 + step * 1_500), timestamp: time),
                Sample(labels: Labels(["__name__": queue, "instance": silent, "name": "worker", "pid": "<0.90.0>"]),
                       value: Double(15_000 + step * 100), timestamp: time),
            ], at: time)
        }
        store.close()

        let run = try CommandRun.backlog(["top", "--db", db, "--evidence"], currentDirectory: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map(String.init)
        #expect(rows.dropFirst().first?.hasSuffix("EVIDENCE") == true, "\(run.stdout)")
        #expect(rows.contains { $0.contains("chat_router") && $0.hasSuffix("stuck (live)") }, "\(run.stdout)")
        #expect(rows.contains { $0.contains("worker") && $0.hasSuffix("node silent") }, "\(run.stdout)")
        #expect(run.stderr.hasPrefix("evidence: \(silent) does not answer: "), "\(run.stderr)")

        let json = try CommandRun.backlog(["top", "--db", db, "--evidence", "--format", "json"], currentDirectory: directory)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let routerRow = try #require(objects.first { $0["process"] as? String == "chat_router" })
        #expect((routerRow["live_evidence"] as? [String: Any])?["verdict"] as? String == "stuck")
        let workerRow = try #require(objects.first { $0["process"] as? String == "worker" })
        #expect(((workerRow["live_evidence"] as? [String: Any])?["error"] as? String)?.hasPrefix("\(silent) does not answer") == true)
    }
}
