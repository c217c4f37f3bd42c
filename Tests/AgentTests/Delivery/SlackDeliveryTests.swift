import Agent
import Foundation
import TestSupport
import Testing

/// A Slack incoming webhook on loopback: a readable message for firing and resolved alerts,
/// with the URL (which is the secret) used but never logged.
@Suite struct SlackDeliveryTests {
    @Test func firingAndResolvedMessagesWithoutLeakingTheURL() async throws {
        let fixture = try await DeliveryFixture.start()
        fixture.answer([.status(500, "no"), .status(200, "ok")])
        let secretPath = "/services/T0SLACK/B0SLACK/XOXSECRET1234"
        try "\(fixture.receiver.url(path: secretPath))\n".write(toFile: "\(fixture.directory)/slack-url", atomically: true, encoding: .utf8)
        let config = try fixture.writeConfig(receivers: """
              - name: chatops
                slack: {url_file: slack-url, timeout: 2s}
            """)
        let runtime = fixture.runtime(config)
        await fixture.start(runtime)
        func texts() -> [String] { fixture.notifications.compactMap { $0["text"] as? String } }
        try await fixture.advance(until: "the firing message, after a retry") { texts().count >= 2 }
        fixture.setQueue(0)
        try await fixture.advance(until: "the resolved message") { texts().count >= 3 }
        await fixture.settle()
        runtime.stop()
        await fixture.shutdown()

        let requests = fixture.receiver.requests
        #expect(requests.allSatisfy { $0.path == secretPath && $0.method == "POST" && $0.header("Content-Type") == "application/json" })
        #expect(fixture.notifications.allSatisfy { Set($0.keys) == ["text"] }, "Slack's incoming-webhook shape: text only")
        let all = texts()
        #expect(all.count == 3, "retried once, then firing and resolved: \(all)")
        #expect(all[0] == all[1], "the retry sends the same message")
        let firing = all[1].split(separator: "\n").map(String.init)
        let instance = "127.0.0.1:\(fixture.target.port)"
        #expect(firing == [
            "*[FIRING:1]* HighBacklog",
            "• HighBacklog (firing) severity=page instance=\(instance) job=chat name=router",
            "    router has 20000 messages queued",
        ])
        let resolved = all[2].split(separator: "\n").map(String.init)
        #expect(resolved.first == "*[RESOLVED]* HighBacklog")
        #expect(resolved.dropFirst().first == "• HighBacklog (resolved) severity=page instance=\(instance) job=chat name=router")

        let log = fixture.log
        #expect(log.contains("msg=\"notification not delivered; will retry\"") && log.contains("receiver=chatops"))
        #expect(log.contains("endpoint=http://127.0.0.1:\(fixture.receiver.port)"))
        for secret in ["XOXSECRET1234", "/services", "T0SLACK"] { #expect(!log.contains(secret), "\(secret) leaked into the log") }
        let metrics = runtime.metrics.render()
        #expect(metrics.contains("backlog_receiver_notifications_retried_total{receiver=\"chatops\"} 1\n"))
        #expect(metrics.contains("backlog_receiver_notifications_sent_total{receiver=\"chatops\"} 2\n"))
        #expect(!metrics.contains("XOXSECRET1234"))
    }
}
