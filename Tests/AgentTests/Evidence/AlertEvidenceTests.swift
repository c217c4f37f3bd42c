import Agent
import Foundation
import History
import TestSupport
import Testing
import TimeSeries

/// Alerts on a process carry its evidence: the stack and the verdict, fetched from the node's
/// `/process` while the alert is pending, and kept in the history file.
@Suite(.serialized) struct AlertEvidenceTests {
    @Test func aPagingAlertOnAStuckProcessCarriesItsStackAndVerdict() async throws {
        let node = try ErlangNode(ErlangNode.Configuration(
            setup: [
                "register(sleepy, spawn(fun() -> receive _ -> timer:sleep(infinity) end end))",
                "register(caller, spawn(fun() -> gen_server:call(sleepy, hello, infinity) end))",
                "[whereis(caller) ! {job, N} || N <- lists:seq(1, 500)]",
            ],
            exporterOptions: ["scan_interval_ms => 100"]))
        defer { node.stop() }
        let fixture = try await AlertEvidenceFixture()
        let target = "127.0.0.1:\(node.exporterPort)"
        let runtime = try fixture.runtime(
            target: target, expr: #"erlang_process_message_queue_len{name="caller"} > 100"#, for: "3s",
            annotations: #"{summary: "{{ $labels.name }} has {{ $value }} messages queued"}"#)
        await fixture.start(runtime)
        try await fixture.advance(until: "a pending alert") { AlertEvidenceFixture.figure(runtime, "backlog_alerts_pending") == 1 }
        // The fetch runs on its own thread, in real time: the clock stands still meanwhile, so
        // the alert is still pending when the evidence arrives.
        try await waitUntil("the evidence fetched", timeout: .seconds(60)) {
            AlertEvidenceFixture.figure(runtime, #"backlog_evidence_fetches_total{result="ok"}"#) == 1
        }
        #expect(fixture.receiver.requests.isEmpty, "a pending alert is not notified")
        try await fixture.advance(until: "a notification") { !fixture.receiver.requests.isEmpty }
        runtime.stop()
        await fixture.shutdown()

        let alert = try #require(fixture.alerts.first)
        let annotations = try #require(alert["annotations"] as? [String: String])
        #expect(annotations["verdict"] == "stuck", "\(annotations)")
        let stack = try #require(annotations["stacktrace"])
        #expect(stack.split(separator: "\n").first?.hasPrefix("gen:do_call/4 (gen.erl:") == true, "\(stack)")
        #expect(stack.contains("gen_server:call/3"))
        #expect(stack.split(separator: "\n").count <= 8)
        #expect(annotations["status"] == "waiting")
        #expect(annotations["current_function"] == "gen:do_call/4")
        #expect(annotations["verdict_reason"]?.hasPrefix("waiting at ") == true)
        #expect(Double(annotations["reductions_per_second"] ?? "") != nil)
        #expect(annotations["evidence_fetched_at"]?.hasSuffix("Z") == true)
        #expect(annotations["summary"]?.hasPrefix("caller has 500 messages queued") == true, "the rule's own annotation stays")
        #expect(AlertEvidenceFixture.figure(runtime, #"backlog_evidence_fetches_total{result="ok"}"#) == 1, "one fetch per process")

        let reader = try HistoryReader(path: fixture.historyPath)
        defer { reader.close() }
        let stored = try #require(try reader.latestEvidence(target: target, pid: nil, name: "caller"))
        #expect(stored.alert == "StuckProcess" && stored.verdict == "stuck")
        #expect(stored.json.contains("\"registered_name\":\"caller\""))
        #expect(try reader.latestEvidence(target: target, pid: stored.pid, name: nil) == stored)
    }

    @Test func anExporterWithoutProcessStillGetsTheAlertOutAndCountsTheFailure() async throws {
        let exporter = try await LoopbackHTTPServer.start { request in
            request.path.hasPrefix("/process") ? .status(404, "Not Found")
                : .ok("""
                    erlang_process_message_queue_len{pid="<0.212.0>",name="router"} 20000
                    erlang_process_message_queue_len{pid="<0.213.0>",name="logger"} 30000

                    """)
        }
        let fixture = try await AlertEvidenceFixture()
        let target = "127.0.0.1:\(exporter.port)"
        let runtime = try fixture.runtime(target: target, expr: "erlang_process_message_queue_len > 10000", for: "0s")
        await fixture.start(runtime)
        try await waitUntil("the failed fetch counted", timeout: .seconds(60)) {
            AlertEvidenceFixture.figure(runtime, #"backlog_evidence_fetches_total{result="no_endpoint"}"#) == 2
        }
        try await fixture.advance(until: "a notification") { !fixture.receiver.requests.isEmpty }
        // More polls: neither process is asked about again, and the exporter is reported once.
        await fixture.poll(times: 3)
        runtime.stop()
        await fixture.shutdown()
        await exporter.shutdown()

        #expect(Set(fixture.alerts.compactMap { ($0["labels"] as? [String: String])?["pid"] }) == ["<0.212.0>", "<0.213.0>"])
        for alert in fixture.alerts {
            let annotations = try #require(alert["annotations"] as? [String: String])
            #expect(annotations["verdict"] == nil && annotations["stacktrace"] == nil && annotations["evidence_fetched_at"] == nil)
        }
        #expect(exporter.requests.filter { $0.path.hasPrefix("/process") }.count == 2)
        #expect(AlertEvidenceFixture.figure(runtime, #"backlog_evidence_fetches_total{result="ok"}"#) == 0)
        let warnings = fixture.log.split(separator: "\n").filter { $0.contains("process evidence not fetched") && $0.contains("level=warning") }
        #expect(warnings.count == 1, "\(fixture.log)")
        let warning = String(try #require(warnings.first))
        #expect(warning.contains("target=\(target)") && warning.contains("result=no_endpoint"), "\(warning)")
        #expect(warning.contains("has no /process endpoint"), "\(warning)")
    }

    @Test func eachKindOfFailureIsCountedAndTheAlertsStillGoOut() async throws {
        let exporter = try await LoopbackHTTPServer.start { request in
            func json(_ status: Int, _ text: String) -> LoopbackBehavior {
                .respond(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
            }
            guard request.path.hasPrefix("/process") else {
                return .ok((1...4).map { "erlang_process_message_queue_len{pid=\"<0.\($0).0>\"} 20000\n" }.joined())
            }
            if request.path.contains("0.1.0") { return json(400, #"{"error":"malformed pid <0.1.0>: expected <0.N.M>"}"#) }
            if request.path.contains("0.2.0") { return json(404, #"{"error":"no process <0.2.0> on nonode@nohost: it has exited, or never existed"}"#) }
            if request.path.contains("0.3.0") { return .hang }
            return .ok("not evidence", contentType: "application/json")
        }
        let fixture = try await AlertEvidenceFixture()
        let runtime = try fixture.runtime(target: "127.0.0.1:\(exporter.port)", expr: "erlang_process_message_queue_len > 10000", for: "0s")
        await fixture.start(runtime)
        for result in ["refused", "no_process", "timeout", "malformed"] {
            try await waitUntil("a fetch counted as \(result)", timeout: .seconds(60)) {
                AlertEvidenceFixture.figure(runtime, "backlog_evidence_fetches_total{result=\"\(result)\"}") == 1
            }
        }
        try await fixture.advance(until: "a notification") { fixture.alerts.count == 4 }
        runtime.stop()
        await fixture.shutdown()
        await exporter.shutdown()
        #expect(fixture.alerts.allSatisfy { ($0["annotations"] as? [String: String])?["verdict"] == nil })
        let warnings = fixture.log.split(separator: "\n").filter { $0.contains("process evidence not fetched") && $0.contains("level=warning") }
        #expect(warnings.count == 4, "each failure once: \(warnings)")
        #expect(warnings.contains { $0.contains("process=<0.2.0>") && $0.contains("it may have exited") })
        #expect(warnings.allSatisfy { !$0.contains("http://") }, "the target as host:port")
    }
}
