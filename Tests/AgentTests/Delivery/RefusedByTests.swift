import Agent
@testable import backlog
import Dashboard
import DashboardFeed
import Foundation
import TestSupport
import Testing

/// "Refused": two webhook receivers on loopback, one accepting everything and one answering a
/// final 400. The alert reads refused by the second — not queued for it — through
/// `/api/v1/alerts` and `backlog watch`, after a restart too, until that receiver accepts a
/// later notification carrying it.
@Suite struct RefusedByTests {
    /// The alert of `/api/v1/alerts` for process `name`, and the answer's raw text.
    func apiAlert(_ server: AgentHTTPServer, name: String) -> (alert: [String: Any], body: String)? {
        guard let response = try? LoopbackConnection(port: server.port).get("/api/v1/alerts"), response.status == 200,
            let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let alerts = (json["data"] as? [String: Any])?["alerts"] as? [[String: Any]],
            let alert = alerts.first(where: { ($0["labels"] as? [String: String])?["name"] == name })
        else { return nil }
        return (alert, String(decoding: response.body, as: UTF8.self))
    }

    func names(_ alert: [String: Any]?, _ field: String) -> [String]? { alert?[field] as? [String] }

    func refusers(_ alert: [String: Any]?) -> [String]? {
        (alert?["refusedBy"] as? [[String: Any]])?.compactMap { $0["receiver"] as? String }
    }

    func panelRows(_ runtime: AgentRuntime) -> [AlertRow] {
        AlertRows.from(runtime.alertsSnapshot).filter { $0.state == .firing }
    }

    @Test func aFinalRefusalReadsRefusedUntilTheReceiverAcceptsTheAlertAndSurvivesARestart() async throws {
        let fixture = try await DeliveryFixture.start()
        let strictKnobs = DeliveryKnobs()
        strictKnobs.answers.withLock { $0 = [.status(400, "unknown field \"truncatedAlerts\"")] }
        let strict = try await LoopbackHTTPServer.start { _ in
            strictKnobs.answers.withLock { list in list.count > 1 ? list.removeFirst() : list[0] }
        }
        let config = try fixture.writeConfig(receivers: """
              - name: hook
                webhook: {url: "\(fixture.receiver.url(path: "/hook"))", timeout: 2s}
              - name: strict
                webhook: {url: "\(strict.url(path: "/strict-secret-path"))", timeout: 2s}
            """)

        let runtime = fixture.runtime(config)
        let server = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(runtime))
        await fixture.start(runtime)
        try await fixture.advance(until: "hook delivered, strict refused") {
            let alert = apiAlert(server, name: "router")?.alert
            return names(alert, "deliveredTo") == ["hook"] && refusers(alert) == ["strict"]
        }
        let (refusedAlert, body) = try #require(apiAlert(server, name: "router"))
        #expect(names(refusedAlert, "queuedFor") == [], "refused for good, so not queued")
        let refusal = try #require((refusedAlert["refusedBy"] as? [[String: Any]])?.first)
        #expect(refusal["status"] as? Int == 400)
        #expect(refusal["reason"] as? String == "Bad Request")
        #expect(!body.contains("strict-secret-path") && !body.contains(":\(strict.port)"), "never the receiver's URL")
        #expect(!body.contains("truncatedAlerts"), "never the receiver's answer")
        let row = try #require(panelRows(runtime).first)
        #expect(row.deliveredTo == ["hook"] && row.refusedBy == ["strict"] && row.queuedFor.isEmpty)
        #expect(DeliveryFixture.figure(runtime, "backlog_notifications_dropped_total") == 1)
        await fixture.settle()
        #expect(strict.requests.count == 1, "a 400 is not retried")
        runtime.stop()
        server.shutdown()

        // The refusal is in the notification log, so the restarted agent says the same at once.
        let restarted = fixture.runtime(config)
        let restartedServer = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(restarted))
        await fixture.start(restarted)
        let afterRestart = apiAlert(restartedServer, name: "router")?.alert
        #expect(names(afterRestart, "deliveredTo") == ["hook"])
        #expect(refusers(afterRestart) == ["strict"])
        #expect(panelRows(restarted).first?.refusedBy == ["strict"])

        // strict takes notifications now; a second process joins the group, which is notified
        // again, carrying the refused alert too: delivered, so no longer refused.
        strictKnobs.answers.withLock { $0 = [.status(200)] }
        fixture.setNames(["router", "worker"])
        try await fixture.advance(until: "strict accepted the group's next notification") {
            let alert = apiAlert(restartedServer, name: "router")?.alert
            return names(alert, "deliveredTo") == ["hook", "strict"] && refusers(alert) == []
        }
        #expect(names(apiAlert(restartedServer, name: "worker")?.alert, "deliveredTo") == ["hook", "strict"])
        #expect(panelRows(restarted).allSatisfy { $0.deliveredTo == ["hook", "strict"] && $0.refusedBy.isEmpty })
        restarted.stop()
        restartedServer.shutdown()
        await strict.shutdown()
        await fixture.shutdown()
    }
}
