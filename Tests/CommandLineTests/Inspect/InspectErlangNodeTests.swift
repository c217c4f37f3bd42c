import Foundation
import TestSupport
import Testing

/// `backlog inspect` against a real Erlang node: a caller blocked in `gen_server:call/3` while
/// messages pile up, and a busy loop whose queue grows.
@Suite struct InspectErlangNodeTests {
    let node: ErlangNode
    let directory: String

    init() throws {
        node = try ErlangNode(ErlangNode.Configuration(
            setup: [
                "register(sleepy, spawn(fun() -> receive _ -> timer:sleep(infinity) end end))",
                "register(caller, spawn(fun() -> gen_server:call(sleepy, hello, infinity) end))",
                // Ten messages a second: each wakes the blocked caller for a few dozen reductions,
                // far below the idle threshold; at fifty a second it came near it.
                "spawn(backlog_test_control, feed, [whereis(caller), 100])",
                "register(spinner, spawn(backlog_test_control, spin, []))",
                "spawn(backlog_test_control, feed, [whereis(spinner), 1])",
            ],
            exporterOptions: ["scan_interval_ms => 100"]))
        directory = NSTemporaryDirectory() + "backlog-inspect-erl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    var target: String { "127.0.0.1:\(node.exporterPort)" }

    func inspect(_ arguments: [String]) throws -> CommandRun {
        try CommandRun.backlog(["inspect"] + arguments, currentDirectory: directory)
    }

    @Test func aBlockedCallerIsStuckInDoCall() throws {
        let run = try inspect([target, "caller", "--interval", "500ms"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("caller <0."), "\(run.stdout)")
        #expect(run.stdout.contains(" on \(target): stuck — "), "\(run.stdout)")
        #expect(run.stdout.contains(" in gen:do_call/4, "), "woken by a message it may be caught running: \(run.stdout)")
        #expect(run.stdout.contains("  stack   gen:do_call/4 (gen.erl:"), "\(run.stdout)")
        #expect(run.stdout.contains("gen_server:call/3 (gen_server.erl:"), "\(run.stdout)")
        #expect(run.stdout.contains("1 monitor"), "the call monitors the server")
    }

    @Test func aBusyLoopWithAGrowingQueueIsSlow() throws {
        let run = try inspect([target, "spinner", "--interval", "500ms", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let verdict = try #require(document["verdict"] as? [String: Any])
        #expect(verdict["kind"] as? String == "slow", "\(run.stdout)")
        let trend = try #require(document["trend"] as? [String: Any])
        #expect((trend["perSecond"] as? Double ?? 0) > 1 && trend["basis"] as? String == "readings")
        let evidence = try #require(document["evidence"] as? [String: Any])
        #expect(evidence["initial_call"] as? String == "backlog_test_control:spin/0")
    }

    @Test func anExitedProcessAndAMalformedPidAreClearErrors() throws {
        let quoted = try node.eval("""
            begin Dead = spawn(fun() -> ok end), DeadRef = monitor(process, Dead),
            receive {'DOWN', DeadRef, _, _, _} -> pid_to_list(Dead) end end
            """)
        let dead = String(quoted.dropFirst().dropLast())
        let gone = try inspect([target, dead])
        #expect(gone.status != 0)
        #expect(gone.stderr == "no process \(dead) on \(target): it may have exited\n")

        let malformed = try inspect([target, "<0.abc.0>"])
        #expect(malformed.status != 0)
        #expect(malformed.stderr == "\(target): malformed pid <0.abc.0>: expected <0.N.M>, e.g. <0.123.0>\n")
    }
}
