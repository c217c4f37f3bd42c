@testable import Agent
import Foundation
@testable import History
import TestSupport
import Testing

/// An Alertmanager API v2 receiver is as durable as the others: a resolution whose queuing
/// failed is queued again the next cycle, not a `resend_delay` later or never.
@Suite struct AlertmanagerResolutionTests {
    /// Every alert posted to the loopback "Alertmanager", in order: its name label and `endsAt`.
    static func posted(_ fixture: DeliveryFixture) -> [(name: String, endsAt: Date)] {
        fixture.receiver.requests.flatMap { request -> [(name: String, endsAt: Date)] in
            guard let alerts = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [[String: Any]] else { return [] }
            return alerts.compactMap { alert in
                guard let labels = alert["labels"] as? [String: String], let text = alert["endsAt"] as? String,
                    let endsAt = ISO8601DateFormatter.withFractions.date(from: text)
                else { return nil }
                return (labels["name"] ?? "", endsAt)
            }
        }
    }

    @Test func aResolutionWhoseQueuingFailedStillArrives() async throws {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig(receivers: """
              - name: team
                alertmanager: {urls: ["\(fixture.receiver.url(path: "/"))"]}
            """)
        let runtime = AgentRuntime(config: config, logger: fixture.logger)
        runtime.start()
        try await DeliveryFixture.waitUntil("the firing alert") {
            Self.posted(fixture).contains { $0.endsAt > Date().addingTimeInterval(60) }
        }
        let store = try #require(runtime.historyStore)

        // The store hiccups as the alert resolves: the resolution cannot be queued.
        try store.failOutboxWrites(true)
        fixture.setQueue(0)
        try await DeliveryFixture.waitUntil("a failed enqueue") { fixture.log.contains("cannot queue notifications") }
        let resolvedBefore = Self.posted(fixture).contains { $0.endsAt < Date() }
        try store.failOutboxWrites(false)
        let healed = Date()

        // Far sooner than Prometheus's one-minute re-send or Alertmanager's endsAt expiry.
        try await DeliveryFixture.waitUntil(seconds: 30, "the resolution") { Self.posted(fixture).contains { $0.endsAt < healed } }
        runtime.stop()
        await fixture.shutdown()
        #expect(!resolvedBefore, "nothing resolved went out while the store failed")
        #expect(fixture.log.contains("injected outbox failure"))
        let resolution = try #require(Self.posted(fixture).last)
        #expect(resolution.name == "router")
        #expect(DeliveryFixture.figure(runtime, "backlog_outbox_depth") == 0)
    }
}

extension ISO8601DateFormatter {
    /// RFC 3339 with milliseconds, as the payloads write it.
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
