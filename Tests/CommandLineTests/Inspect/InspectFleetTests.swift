import Fleet
import Foundation
import TestSupport
import Testing
import TimeSeries

/// `backlog inspect` against the simulated fleet: the default scenario's stuck `chat_router`.
@Suite struct InspectFleetTests {
    let clock = ManualClock()
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-inspect-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The default fleet of 3 nodes with its clock at `second` of the scenario.
    func startFleet(at second: Int) async throws -> FleetServer {
        clock.advance(to: Timestamp(milliseconds: clock.epoch.milliseconds + Int64(second) * 1000 + 500))
        let server = FleetServer(
            config: FleetConfig(nodeCount: 3, basePort: 0, epoch: clock.epoch), clock: FleetClock(clock), threadCount: 1)
        try await server.start()
        return server
    }

    func inspect(_ arguments: [String]) throws -> CommandRun {
        try CommandRun.backlog(["inspect"] + arguments, currentDirectory: directory)
    }

    @Test func chatRouterOnChat3IsStuckInDoCall() async throws {
        let server = try await startFleet(at: 60)
        defer { Task { try await server.shutdown() } }
        let run = try inspect([server.targets[2], "chat_router", "--interval", "100ms"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let headline = try #require(lines.first)
        #expect(headline.wholeMatch(of: #/chat_router <0\.\d+\.0> on chat3: stuck — waiting in gen:do_call\/4, [\d,]+ queued, 0\/s, \d reductions\/s/#) != nil, "\(headline)")
        #expect(lines.contains("  stack   gen:do_call/4 (gen.erl:240)"))
        #expect(lines.contains("          gen_server:call/3 (gen_server.erl:386)"))
        #expect(run.stdout.contains("between two readings"))

        let json = try inspect([server.targets[2], "chat_router", "--interval", "100ms", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let verdict = try #require(document["verdict"] as? [String: Any])
        #expect(verdict["kind"] as? String == "stuck")
        let evidence = try #require(document["evidence"] as? [String: Any])
        #expect(evidence["status"] as? String == "waiting" && evidence["registered_name"] as? String == "chat_router")
        #expect((document["thresholds"] as? [String: Any])?["idleReductionsPerSecond"] as? Double == 1_000)
    }

    @Test func aBurstingSessionIsRunningFlatOut() async throws {
        // A second at which chat1 exports a session in the middle of a burst.
        let simulation = FleetSimulation(config: FleetConfig(nodeCount: 3, basePort: 0, epoch: clock.epoch), epoch: clock.epoch)
        let (second, bursting) = try #require((30...120).lazy.compactMap { second in
            simulation.nodeState(0, atSecond: second).processes
                .first { $0.initialCall == "chat_session:init/1" && $0.reductionsPerSecond > 100_000 }.map { (second, $0) }
        }.first)
        let server = try await startFleet(at: second)
        defer { Task { try await server.shutdown() } }
        let run = try inspect([server.targets[0], bursting.pid, "--interval", "0s"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("chat_session:init/1 \(bursting.pid) on chat1: unknown — runnable in chat_session:handle_info/2"), "\(run.stdout)")
        #expect(run.stdout.contains("trend unknown"))
        #expect(run.stdout.contains("  why     no queue trend"))
    }

    @Test func theHistoryGivesTheTrendAndTheChart() async throws {
        let server = try await startFleet(at: 60)
        defer { Task { try await server.shutdown() } }
        let simulation = try #require(server.simulation)
        let router = try #require(simulation.nodeState(2, atSecond: 60).processes.first { $0.name == "chat_router" })
        // A minute of history up to now: +1,500 every 10 s, as the router grows in the scenario.
        let now = Int(Date().timeIntervalSince1970)
        var lines = ["# TYPE erlang_process_message_queue_len gauge"]
        for step in 0...6 {
            let labels = #"instance="\#(server.targets[2])",job="chat",name="chat_router",pid="\#(router.pid)""#
            lines.append("erlang_process_message_queue_len{\(labels)} \(step * 1_500) \(now - 60 + step * 10)")
        }
        lines.append("# EOF")
        let file = "\(directory)/router.om"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try CommandRun.backlog(["import", file, "--db", "\(directory)/backlog.db"])
        #expect(imported.status == 0, "\(imported.stderr)")

        let run = try inspect([server.targets[2], "chat_router"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("chat_router \(router.pid) on chat3: stuck — waiting in gen:do_call/4"), "\(run.stdout)")
        #expect(run.stdout.contains(", +150/s, "), "\(run.stdout)")
        #expect(run.stdout.contains("+150/s over the last minute of history"), "\(run.stdout)")
        #expect(run.stdout.contains("peak 9,000 (backlog.db)"), "\(run.stdout)")
    }

    @Test func unknownAndMalformedPidsSaySo() async throws {
        let server = try await startFleet(at: 60)
        defer { Task { try await server.shutdown() } }
        let target = server.targets[2]
        let unknown = try inspect([target, "<0.32767.0>"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr == "no process <0.32767.0> on \(target): it may have exited\n")
        let malformed = try inspect([target, "<0.abc.0>"])
        #expect(malformed.status != 0)
        #expect(malformed.stderr == "\(target): malformed pid <0.abc.0>: expected <0.N.M>, e.g. <0.123.0>\n")
        let nameless = try inspect([target, "nobody_has_this_name"])
        #expect(nameless.status != 0)
        #expect(nameless.stderr == "no process registered as nobody_has_this_name on \(target)\n")
    }

    @Test func aTargetWithoutProcessEvidenceOrThatDoesNotAnswer() async throws {
        let old = try await LoopbackHTTPServer.start { request in
            request.path.hasPrefix("/process") ? .status(404, "not found; try /metrics\n") : .ok("up 1\n")
        }
        let target = "127.0.0.1:\(old.port)"
        let outdated = try inspect([target, "chat_router"])
        #expect(outdated.status != 0)
        #expect(outdated.stderr == "\(target)'s exporter has no /process endpoint: update it (exporters/erlang)\n")
        await old.shutdown()

        let closed = "127.0.0.1:\(LoopbackPort.unused())"
        let silent = try inspect([closed, "chat_router", "--timeout", "2s"])
        #expect(silent.status != 0)
        #expect(silent.stderr.hasPrefix("\(closed) does not answer: "), "\(silent.stderr)")
    }
}
