import Agent
import Foundation
import TestSupport
import Testing

/// `match`/`match_re` routing and `group_by` grouping end to end: three processes over the
/// threshold, two receivers on loopback, each getting only its alerts, grouped as configured.
@Suite struct RoutingTests {
    func alertNames(_ json: [String: Any]) -> [String] {
        ((json["alerts"] as? [[String: Any]]) ?? []).compactMap { ($0["labels"] as? [String: String])?["name"] }.sorted()
    }

    @Test func matchReRoutesAndGroupByGroups() async throws {
        let fixture = try await DeliveryFixture.start()
        fixture.setNames(["router", "session", "presence", "pusher"])
        let config = try fixture.writeConfig(receivers: """
              - name: sessions
                webhook: {url: "\(fixture.receiver.url(path: "/sessions"))"}
                match_re: {name: "router|session"}
                group_by: [alertname]
              - name: presence
                webhook: {url: "\(fixture.receiver.url(path: "/presence"))"}
                match: {severity: page}
                match_re: {name: "pres.*|push.*"}
                group_by: [alertname, name]
            """)
        let runtime = fixture.runtime(config)
        await fixture.start(runtime)
        func sent(_ path: String) -> [[String: Any]] {
            fixture.receiver.requests.filter { $0.path == path }
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
        }
        try await fixture.advance(until: "both receivers notified") { sent("/sessions").count >= 1 && sent("/presence").count >= 2 }
        fixture.setQueue(0)
        try await fixture.advance(until: "the resolutions") { sent("/sessions").count >= 2 && sent("/presence").count >= 4 }
        await fixture.settle()
        runtime.stop()
        await fixture.shutdown()
        #expect(fixture.receiver.requests.allSatisfy { ["/sessions", "/presence"].contains($0.path) })

        // `sessions` groups by alertname only: one notification with both of its alerts.
        let sessions = sent("/sessions")
        #expect(sessions.count == 2, "one firing, one resolved notification")
        #expect(sessions.map { $0["status"] as? String } == ["firing", "resolved"])
        for json in sessions {
            #expect(json["receiver"] as? String == "sessions")
            #expect(alertNames(json) == ["router", "session"], "only the alerts its match_re takes, in one group")
            #expect(json["groupKey"] as? String == #"{}/{name=~"router|session"}:{alertname="HighBacklog"}"#)
            #expect(json["groupLabels"] as? [String: String] == ["alertname": "HighBacklog"])
        }

        // `presence` groups by alertname and name: one group per process. The route's matchers
        // are in the key sorted by name, as Alertmanager writes them.
        let presence = sent("/presence")
        #expect(presence.count == 4)
        let keys = Set(presence.compactMap { $0["groupKey"] as? String })
        #expect(keys == [
            #"{}/{name=~"pres.*|push.*",severity="page"}:{alertname="HighBacklog", name="presence"}"#,
            #"{}/{name=~"pres.*|push.*",severity="page"}:{alertname="HighBacklog", name="pusher"}"#,
        ])
        for json in presence {
            #expect(alertNames(json).count == 1)
            let groupLabels = json["groupLabels"] as? [String: String]
            #expect(groupLabels?["name"] == alertNames(json).first)
            #expect((json["groupKey"] as? String)?.hasSuffix(#"name="\#(alertNames(json).first ?? "")"}"#) == true)
        }

        let metrics = runtime.metrics.render()
        #expect(metrics.contains("backlog_receiver_notifications_sent_total{receiver=\"sessions\"} 2\n"), "\(metrics)")
        #expect(metrics.contains("backlog_receiver_notifications_sent_total{receiver=\"presence\"} 4\n"))
        #expect(metrics.contains("backlog_receiver_outbox_depth{receiver=\"presence\"} 0\n"))
        #expect(metrics.contains("backlog_notifications_sent_total 6\n"))
    }
}
