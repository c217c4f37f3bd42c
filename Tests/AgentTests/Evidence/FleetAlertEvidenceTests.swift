import Agent
import Fleet
import Foundation
import TestSupport
import Testing
import TimeSeries

/// The simulated fleet's stuck `chat_router` on chat3, alerted on and posted to Alertmanager's
/// API with its evidence.
@Suite(.serialized) struct FleetAlertEvidenceTests {
    @Test func alertmanagerGetsTheStuckRoutersStackAndVerdict() async throws {
        let fixture = try await AlertEvidenceFixture()
        fixture.clock.advance(to: Timestamp(milliseconds: fixture.clock.epoch.milliseconds + 60_500))
        let fleet = FleetServer(
            config: FleetConfig(nodeCount: 3, basePort: 0, epoch: fixture.clock.epoch), clock: FleetClock(fixture.clock), threadCount: 1)
        try await fleet.start()
        let target = fleet.targets[2]
        let runtime = try fixture.runtime(
            target: target, expr: #"erlang_process_message_queue_len{name="chat_router"} > 1000"#, for: "5s",
            receivers: """
                  - name: team
                    alertmanager: {urls: ["http://127.0.0.1:\(fixture.receiver.port)"]}
                """)
        await fixture.start(runtime)
        try await fixture.advance(until: "a pending alert") { AlertEvidenceFixture.figure(runtime, "backlog_alerts_pending") == 1 }
        try await waitUntil("the evidence fetched", timeout: .seconds(60)) {
            AlertEvidenceFixture.figure(runtime, #"backlog_evidence_fetches_total{result="ok"}"#) == 1
        }
        try await fixture.advance(until: "a post to Alertmanager") { !fixture.receiver.requests.isEmpty }
        runtime.stop()
        await fixture.shutdown()
        try await fleet.shutdown()

        let request = try #require(fixture.receiver.requests.first)
        #expect(request.path == "/api/v2/alerts")
        let posted = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [[String: Any]])
        let annotations = try #require(posted.first?["annotations"] as? [String: String])
        #expect(annotations["verdict"] == "stuck", "\(annotations)")
        #expect(annotations["stacktrace"]?.hasPrefix("gen:do_call/4 (gen.erl:240)\ngen_server:call/3 (gen_server.erl:386)") == true)
        #expect(annotations["status"] == "waiting" && annotations["current_function"] == "gen:do_call/4")
    }
}
