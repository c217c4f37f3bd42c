import Agent
import Alerting
import Foundation
import TestSupport
import Testing
import TimeSeries

/// The agent evaluating rules and delivering to a real webhook receiver on loopback.
@Suite(.serialized) struct WebhookDeliveryTests {
    @Test func retriesUntilAcceptedAndSendsAlertmanagersPayload() async throws {
        let fixture = try await DeliveryFixture.start()
        fixture.answer([.status(500), .status(429), .status(200)])
        let runtime = fixture.runtime(try fixture.writeConfig())
        await fixture.start(runtime)
        try await fixture.advance(until: "accepted notification") { fixture.receiver.requests.count >= 3 }
        let firstTwo = fixture.receiver.requests.prefix(2).map(\.body)
        runtime.stop()
        await fixture.shutdown()
        #expect(firstTwo[0] == firstTwo[1], "a retry sends the same bytes from the outbox")
        #expect(DeliveryFixture.figure(runtime, "backlog_notifications_retried_total") == 2)
        #expect(DeliveryFixture.figure(runtime, "backlog_notifications_sent_total") == 1)
        #expect(DeliveryFixture.figure(runtime, "backlog_alerts_firing") == 1)
        let request = fixture.receiver.requests[2]
        #expect(request.method == "POST")
        #expect(request.header("Content-Type") == "application/json")
        let json = try #require(fixture.notifications.last)
        #expect(json["version"] as? String == "4")
        #expect(json["status"] as? String == "firing")
        #expect(json["receiver"] as? String == "hook")
        #expect(json["groupKey"] as? String == #"{}/{severity="page"}:{alertname="HighBacklog"}"#)
        #expect(json["truncatedAlerts"] as? Int == 0)
        #expect(json["groupLabels"] as? [String: String] == ["alertname": "HighBacklog"])
        #expect((json["commonLabels"] as? [String: String])?["name"] == "router")
        #expect((json["commonAnnotations"] as? [String: String])?["summary"] == "router has 20000 messages queued")
        #expect((json["externalURL"] as? String)?.hasPrefix("http://127.0.0.1:") == true)
        let alert = try #require((json["alerts"] as? [[String: Any]])?.first)
        #expect(Set(alert.keys) == ["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"])
        let labels = try #require(alert["labels"] as? [String: String])
        #expect(labels == ["alertname": "HighBacklog", "severity": "page", "name": "router", "job": "chat", "instance": "127.0.0.1:\(fixture.target.port)"])
        #expect(alert["status"] as? String == "firing")
        #expect(alert["fingerprint"] as? String == Labels(labels).fingerprintText)
        #expect(alert["endsAt"] as? String == "0001-01-01T00:00:00Z")
        let startsAt = try #require(alert["startsAt"] as? String)
        #expect(startsAt.count == 24 && startsAt.hasSuffix("Z"), "RFC 3339 with milliseconds: \(startsAt)")
        #expect((alert["generatorURL"] as? String)?.contains("/graph?g0.expr=") == true)
    }

    @Test func aRefusalIsFinalAndReported() async throws {
        let fixture = try await DeliveryFixture.start()
        fixture.answer([.status(400, "bad payload")])
        let runtime = fixture.runtime(try fixture.writeConfig())
        await fixture.start(runtime)
        try await fixture.advance(until: "drop") { DeliveryFixture.figure(runtime, "backlog_notifications_dropped_total") >= 1 }
        // Ten polls and a minute more: long past any backoff a retry would have waited.
        await fixture.settle(polls: 10)
        fixture.clock.advance(by: .seconds(60))
        await fixture.settle()
        runtime.stop()
        await fixture.shutdown()
        #expect(fixture.receiver.requests.count == 1, "a 400 is not retried")
        #expect(fixture.log.contains("msg=\"notification refused by the receiver; dropped\""))
        #expect(fixture.log.contains("receiver=hook") && fixture.log.contains("reason=\"HTTP 400\""))
        #expect(DeliveryFixture.figure(runtime, "backlog_outbox_depth") == 0)
    }

    @Test func aHangingReceiverDoesNotDelayPolling() async throws {
        let fixture = try await DeliveryFixture.start()
        fixture.answer([.hang])
        let runtime = fixture.runtime(try fixture.writeConfig())
        runtime.start()
        try await DeliveryFixture.waitUntil("a hanging delivery") { !fixture.receiver.requests.isEmpty }
        // Delivery is in its request, so the loops that can wait are polling's and storing's.
        #expect(await fixture.clock.blocked(waiters: 2))
        let before = DeliveryFixture.figure(runtime, "backlog_cycles_total")
        // Delivery is stuck in its request, so only polling comes back to wait after each step.
        for poll in 1...6 {
            fixture.clock.advance(by: DeliveryFixture.interval)
            try await DeliveryFixture.waitUntil("poll \(poll) while the receiver hangs") {
                DeliveryFixture.figure(runtime, "backlog_cycles_total") == before + Double(poll)
            }
        }
        let missed = DeliveryFixture.figure(runtime, "backlog_missed_ticks_total")
        await fixture.shutdown()
        runtime.stop()
        #expect(missed == 0)
    }

    /// One of two receivers hangs (an Alertmanager whose host is gone, say): the other still
    /// hears of every change as soon as it is due, in order, while the hanging send is in flight.
    @Test func aHangingReceiverDoesNotHoldBackTheOthers() async throws {
        let fixture = try await DeliveryFixture.start()
        let stuck = try await LoopbackHTTPServer.start(behavior: .hang)
        let runtime = fixture.runtime(try fixture.writeConfig(receivers: """
              - name: stuck
                webhook: {url: "\(stuck.url(path: "/hook"))", timeout: 10m}
              - name: hook
                webhook: {url: "\(fixture.receiver.url(path: "/hook"))", timeout: 2s}
            """))
        runtime.start()
        try await DeliveryFixture.waitUntil("both receivers told of router") { stuck.requests.count == 1 && fixture.receiver.requests.count == 1 }
        // Delivery waits for the send in flight, so the loops that wait on the clock are polling's and storing's.
        #expect(await fixture.clock.blocked(waiters: 2))
        let before = DeliveryFixture.figure(runtime, "backlog_cycles_total")
        fixture.setNames(["router", "mailer"])
        // Polls go on until the group's change is due (group_interval, 1 s) and hook hears of it.
        for poll in 1...50 where fixture.receiver.requests.count < 2 {
            fixture.clock.advance(by: DeliveryFixture.interval)
            try await DeliveryFixture.waitUntil("poll \(poll)") { DeliveryFixture.figure(runtime, "backlog_cycles_total") >= before + Double(poll) }
        }
        try await DeliveryFixture.waitUntil("hook hears of mailer") { fixture.receiver.requests.count == 2 }
        #expect(stuck.requests.count == 1, "the first send to stuck still hangs, and its next waits behind it")
        // Closing the hanging connection ends that send, so stopping does not wait out its timeout.
        await stuck.shutdown()
        runtime.stop()
        await fixture.shutdown()
        let names = fixture.notifications.map { (($0["alerts"] as? [[String: Any]]) ?? []).compactMap { ($0["labels"] as? [String: String])?["name"] } }
        #expect(names == [["router"], ["mailer", "router"]], "\(names)")
    }

    @Test func secretsNeverReachTheLogs() async throws {
        let fixture = try await DeliveryFixture.start()
        let refused = LoopbackPort.unused()
        try "http://127.0.0.1:\(refused)/hooks/T0KEN-IN-PATH-1234\n".write(toFile: "\(fixture.directory)/url", atomically: true, encoding: .utf8)
        try "BEARER-S3CRET-5678".write(toFile: "\(fixture.directory)/token", atomically: true, encoding: .utf8)
        try "http://127.0.0.1:\(fixture.receiver.port)/hooks/T0KEN-TWO-9999".write(toFile: "\(fixture.directory)/url2", atomically: true, encoding: .utf8)
        fixture.answer([.status(503, "T0KEN-TWO-9999 down")])
        let config = try fixture.writeConfig(receivers: """
              - name: down
                webhook: {url_file: url, bearer_token_file: token}
              - name: failing
                webhook: {url_file: url2, bearer_token_file: token}
            """)
        let runtime = fixture.runtime(config)
        await fixture.start(runtime)
        try await fixture.advance(until: "failed deliveries") { DeliveryFixture.figure(runtime, "backlog_notifications_retried_total") >= 4 }
        runtime.stop()
        await fixture.shutdown()
        #expect(fixture.receiver.requests.first?.header("Authorization") == "Bearer BEARER-S3CRET-5678", "the token is sent")
        let log = fixture.log
        #expect(log.contains("receiver=down") && log.contains("endpoint=http://127.0.0.1:\(refused)"))
        for secret in ["T0KEN-IN-PATH-1234", "BEARER-S3CRET-5678", "T0KEN-TWO-9999", "/hooks"] {
            #expect(!log.contains(secret), "\(secret) leaked into the log")
        }
    }
}
