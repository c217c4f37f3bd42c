import Agent
import Foundation
import TestSupport
import Testing

/// Our alerts posted to a real Alertmanager (Debian's `prometheus-alertmanager`) over API v2.
@Suite struct AlertmanagerDeliveryTests {
    @Test(.enabled(if: AlertmanagerProcess.available, "prometheus-alertmanager is not installed (scripts/install-deps installs it)"))
    func alertmanagerReceivesTheAlert() async throws {
        let fixture = try await DeliveryFixture.start()
        let alertmanager = try AlertmanagerProcess(directory: "\(fixture.directory)/am")
        try await alertmanager.start(config: "route: {receiver: none}\nreceivers: [{name: none}]\n")
        defer { alertmanager.stop() }
        let config = try fixture.writeConfig(receivers: """
              - name: team
                alertmanager: {urls: ["\(alertmanager.url)"]}
            """)
        let runtime = AgentRuntime(config: config, logger: fixture.logger)
        runtime.start()
        var found: [[String: Any]] = []
        try await DeliveryFixture.waitUntil(seconds: 15, "the alert in Alertmanager") {
            found = alertmanager.alerts()
            return !found.isEmpty
        }
        runtime.stop()
        await fixture.shutdown()
        let labels = try #require(found.first?["labels"] as? [String: String])
        #expect(labels["alertname"] == "HighBacklog")
        #expect(labels["name"] == "router")
        #expect(labels["severity"] == "page")
        #expect((found.first?["status"] as? [String: Any])?["state"] as? String == "active")
        #expect(DeliveryFixture.figure(runtime, "backlog_notifications_sent_total") >= 1)
    }
}
