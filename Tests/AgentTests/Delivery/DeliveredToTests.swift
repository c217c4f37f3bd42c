import Agent
@testable import backlog
import Dashboard
import DashboardFeed
import Foundation
import TestSupport
import Testing

/// "Where was this alert delivered": two webhook receivers on loopback, one up and one answering
/// 500 until the test brings it back. The alert counts as delivered to a receiver only once that
/// receiver answered 2xx — through `/api/v1/alerts`, through what `backlog watch` draws, and
/// after a restart, from the notification log alone.
@Suite struct DeliveredToTests {
    /// The first alert of `/api/v1/alerts`: its receivers delivered to and still queued for.
    func apiDelivery(_ server: AgentHTTPServer) -> (deliveredTo: [String], queuedFor: [String])? {
        guard let response = try? LoopbackConnection(port: server.port).get("/api/v1/alerts"), response.status == 200,
            let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let alert = ((json["data"] as? [String: Any])?["alerts"] as? [[String: Any]])?.first,
            let delivered = alert["deliveredTo"] as? [String], let queued = alert["queuedFor"] as? [String]
        else { return nil }
        return (delivered, queued)
    }

    /// The alerts panel's row, as `backlog watch` maps the runtime's snapshot into its model.
    func panelRow(_ runtime: AgentRuntime) -> AlertRow? {
        let rows = AlertRows.from(runtime.alertsSnapshot)
        let model = DashboardModelBuilder.model(recent: RecentFleet(metrics: []), interval: .seconds(1), alerts: rows, paused: false)
        return model.alerts.first { $0.state == .firing }
    }

    @Test func deliveredToTheReceiverThatAcceptedItThenToBothOnceTheOtherRecovers() async throws {
        let fixture = try await DeliveryFixture.start()
        let pagerKnobs = DeliveryKnobs()
        pagerKnobs.answers.withLock { $0 = [.status(500, "down for maintenance")] }
        let pager = try await LoopbackHTTPServer.start { _ in
            pagerKnobs.answers.withLock { list in list.count > 1 ? list.removeFirst() : list[0] }
        }
        let receivers = """
              - name: hook
                webhook: {url: "\(fixture.receiver.url(path: "/hook"))", timeout: 2s}
              - name: pager
                webhook: {url: "\(pager.url(path: "/page"))", timeout: 2s}
                match: {severity: page}
            """
        let config = try fixture.writeConfig(receivers: receivers)

        let runtime = fixture.runtime(config)
        let server = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(runtime))
        await fixture.start(runtime)
        try await fixture.advance(until: "hook delivered, pager refused") {
            pager.requests.count >= 1 && apiDelivery(server)?.deliveredTo == ["hook"]
        }
        let whileDown = try #require(apiDelivery(server))
        #expect(whileDown.queuedFor == ["pager"], "the 500s leave it queued for pager, not delivered")
        let rowWhileDown = try #require(panelRow(runtime))
        #expect(rowWhileDown.deliveredTo == ["hook"])
        #expect(rowWhileDown.queuedFor == ["pager"])
        #expect(fixture.log.contains("msg=\"notification not delivered; will retry\""))

        pagerKnobs.answers.withLock { $0 = [.status(200)] }
        try await fixture.advance(until: "pager delivered once back") { apiDelivery(server)?.deliveredTo == ["hook", "pager"] }
        #expect(apiDelivery(server)?.queuedFor == [])
        let rowOnceBack = try #require(panelRow(runtime))
        #expect(rowOnceBack.deliveredTo == ["hook", "pager"])
        #expect(rowOnceBack.queuedFor.isEmpty)
        runtime.stop()
        server.shutdown()

        // A restart sends nothing new (the notification log says both were notified), so what it
        // shows comes from the log's `delivered` column — read as the agent starts, not after its
        // first cycle: here the clock stands off the grid, so the first cycle waits for the test.
        let requestsBefore = fixture.receiver.requests.count + pager.requests.count
        fixture.clock.advance(by: .millis(1))
        let slowConfig = try fixture.writeConfig(receivers: receivers, interval: "3s")
        let restarted = fixture.runtime(slowConfig)
        let restartedServer = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(restarted))
        restarted.start()
        let apiAtOnce = apiDelivery(restartedServer)
        let rowAtOnce = panelRow(restarted)
        #expect(DeliveryFixture.figure(restarted, "backlog_cycles_total") == 0, "asked before the first cycle ended")
        #expect(apiAtOnce?.deliveredTo == ["hook", "pager"])
        #expect(apiAtOnce?.queuedFor == [])
        #expect(rowAtOnce?.deliveredTo == ["hook", "pager"])
        // Every loop waits for its next tick before time moves, or the poll loop could first
        // read the clock after the move and wait for the tick after.
        #expect(await fixture.clock.blocked(waiters: DeliveryFixture.loops))
        fixture.clock.advance(by: .seconds(3))
        #expect(await fixture.clock.blocked(waiters: DeliveryFixture.loops))
        #expect(DeliveryFixture.figure(restarted, "backlog_cycles_total") == 1)
        await fixture.settle()
        #expect(apiDelivery(restartedServer)?.deliveredTo == ["hook", "pager"], "the cycle keeps what the log said")
        restarted.stop()
        restartedServer.shutdown()
        await pager.shutdown()
        await fixture.shutdown()
        #expect(fixture.receiver.requests.count + pager.requests.count == requestsBefore, "nothing sent again after the restart")
    }
}
