import Agent
import Foundation
import Probe
import TestSupport
import Testing

/// Our alerts posted to a real Alertmanager (Debian's `prometheus-alertmanager`) over API v2.
@Suite struct AlertmanagerDeliveryTests {
    static let binary = "/usr/bin/prometheus-alertmanager"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary),
                   "prometheus-alertmanager is not installed (scripts/install-deps installs it)"))
    func alertmanagerReceivesTheAlert() async throws {
        let fixture = try await DeliveryFixture.start()
        let port = LoopbackPort.unused()
        let storage = "\(fixture.directory)/am"
        try FileManager.default.createDirectory(atPath: storage, withIntermediateDirectories: true)
        try "route: {receiver: none}\nreceivers: [{name: none}]\n".write(toFile: "\(storage)/am.yml", atomically: true, encoding: .utf8)
        let alertmanager = Process()
        alertmanager.executableURL = URL(fileURLWithPath: Self.binary)
        alertmanager.arguments = [
            "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--storage.path=\(storage)",
            "--config.file=\(storage)/am.yml",
        ]
        alertmanager.standardError = FileHandle.nullDevice
        alertmanager.standardOutput = FileHandle.nullDevice
        try alertmanager.run()
        defer {
            alertmanager.terminate()
            alertmanager.waitUntilExit()
        }
        let config = try fixture.writeConfig(receivers: """
              - name: team
                alertmanager: {urls: ["http://127.0.0.1:\(port)"]}
            """)
        let runtime = AgentRuntime(config: config, logger: fixture.logger)
        runtime.start()
        let curl = CurlTransport()
        var found: [[String: Any]] = []
        try await DeliveryFixture.waitUntil(seconds: 15, "the alert in Alertmanager") {
            guard case .success(let response) = curl.perform([HTTPRequestSpec(url: "http://127.0.0.1:\(port)/api/v2/alerts")])[0],
                response.status == 200,
                let alerts = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]]
            else { return false }
            found = alerts
            return !alerts.isEmpty
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
