import Foundation
import TestSupport
import Testing

extension ExporterTests {
    /// `/process` on a node with a caller blocked in `gen_server:call/3` to a server that
    /// never answers, and a busy loop whose queue grows.
    @Suite struct ProcessEndpoint {
        let node: ErlangNode

        init() throws {
            node = try ErlangNode(ErlangNode.Configuration(
                setup: [
                    "register(sleepy, spawn(fun() -> receive _ -> timer:sleep(infinity) end end))",
                    "register(caller, spawn(fun() -> gen_server:call(sleepy, hello, infinity) end))",
                    "register(spinner, spawn(backlog_test_control, spin, []))",
                    "spawn(backlog_test_control, feed, [whereis(spinner), 1])",
                ],
                exporterOptions: ["scan_interval_ms => 100"]))
        }

        private func fetch(_ query: String) throws -> (status: Int, evidence: ProcessEvidence?, error: String?) {
            try ProcessEvidence.fetch(port: node.exporterPort, query: query)
        }

        @Test func aCallerBlockedInAGenServerCallIsWaitingInDoCall() throws {
            var last: ProcessEvidence?
            let blocked = try waitUntil {
                last = try fetch("name=caller").evidence
                return last?.status == "waiting"
                    && last?.currentStacktrace.contains { $0.module == "gen" && $0.function == "do_call" } == true
            }
            let evidence = try #require(last)
            #expect(blocked, "status \(evidence.status), stack \(evidence.currentStacktrace.map(\.function))")
            #expect(evidence.registeredName == "caller")
            #expect(evidence.currentFunction == "gen:do_call/4")
            #expect(evidence.monitors == 1, "the call monitors the server")
            #expect(evidence.messageQueueLen == 0)
            #expect(evidence.memory ?? 0 > 0 && evidence.totalHeapSize ?? 0 > 0)
            #expect(evidence.priority == "normal" && evidence.messageQueueData == "on_heap" && !evidence.trapExit)
            #expect(evidence.currentStacktrace.count <= 16)
        }

        @Test func aBusyLoopWithAGrowingQueueRunsAtAHighReductionsRate() throws {
            let quoted = try node.eval("pid_to_list(whereis(spinner))")
            let pid = String(quoted.dropFirst().dropLast())
            let encoded = "pid=" + pid.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E")
            let first = try #require(try fetch(encoded).evidence)
            #expect(first.pid == pid)
            var second = first
            #expect(try waitUntil {
                second = try #require(try fetch(encoded).evidence)
                return second.messageQueueLen > first.messageQueueLen
            }, "the queue grows")
            #expect(["running", "runnable"].contains(second.status))
            #expect(second.initialCall == "backlog_test_control:spin/0")
            let spinning = try #require(second.reductionsPerSecond)
            #expect(spinning > 100_000)

            let waiting = try #require(try fetch("name=caller").evidence?.reductionsPerSecond)
            #expect(waiting < spinning / 100, "a blocked process does next to no work")
        }

        @Test func aMillionMessagesAnswerWithoutMemory() throws {
            try node.eval("backlog_test_control:flood(big, 1000000)", timeout: .seconds(120))
            let answer = try fetch("name=big")
            #expect(answer.status == 200)
            let evidence = try #require(answer.evidence)
            #expect(evidence.messageQueueLen == 1_000_000)
            #expect(evidence.memory == nil && evidence.totalHeapSize == nil)
            #expect(evidence.omitted == ["total_heap_size", "memory"])
        }

        @Test func badRequestsGetClearErrors() throws {
            let unknown = try fetch("pid=<0.32767.8191>")
            #expect(unknown.status == 404)
            #expect(unknown.error?.contains("no process <0.32767.8191>") == true)

            let malformed = try fetch("pid=<0.abc.0>")
            #expect(malformed.status == 400)
            #expect(malformed.error == "malformed pid <0.abc.0>: expected <0.N.M>, e.g. <0.123.0>")

            let quoted = try node.eval("""
                begin Dead = spawn(fun() -> ok end), DeadRef = monitor(process, Dead),
                receive {'DOWN', DeadRef, _, _, _} -> pid_to_list(Dead) end end
                """)
            let dead = String(quoted.dropFirst().dropLast())
            let gone = try fetch("pid=" + dead)
            #expect(gone.status == 404)
            #expect(gone.error == "no process \(dead) on nonode@nohost: it has exited, or never existed")

            let nameless = try fetch("name=nobody_has_this_name")
            #expect(nameless.status == 404)
            #expect(nameless.error == "no process registered as nobody_has_this_name on nonode@nohost")

            let neither = try fetch("")
            #expect(neither.status == 400)
            #expect(neither.error == "give exactly one of pid=<0.123.0> or name=registered_name")
        }

        @Test func beyondLoopbackItIsServedOnlyWhenEnabled() throws {
            let open = try node.eval("""
                begin ok = backlog_exporter:stop(), {ok, _} = backlog_exporter:start(#{port => 0, bind => "0.0.0.0"}),
                {ok, OpenPort} = backlog_exporter:port(), OpenPort end
                """)
            let refused = try ProcessEvidence.fetch(port: try #require(Int(open)), query: "name=caller")
            #expect(refused.status == 403)
            #expect(refused.error?.contains("start it with process_endpoint => true") == true)

            let enabled = try node.eval("""
                begin ok = backlog_exporter:stop(),
                {ok, _} = backlog_exporter:start(#{port => 0, bind => "0.0.0.0", process_endpoint => true}),
                {ok, EnabledPort} = backlog_exporter:port(), EnabledPort end
                """)
            #expect(try ProcessEvidence.fetch(port: try #require(Int(enabled)), query: "name=caller").status == 200)
        }
    }
}
