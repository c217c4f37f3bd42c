import Alerting
import Foundation
import Testing
import TimeSeries

/// What an Alertmanager API v2 receiver is posted, as Prometheus's notifier posts it, decided
/// from a notification log so a post counts as sent only once the outbox holds it. The test
/// gives the times (it is the stage's clock).
@Suite struct AlertmanagerResenderTests {
    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: 1_700_000_000_000 + seconds * 1000) }

    func firing(_ instance: String, since: Int64 = 0) -> Alert {
        Alert(
            labels: Labels(["alertname": "HighBacklog", "instance": instance]), state: .firing, value: 1, activeAt: at(since),
            firedAt: at(since))
    }

    func resolved(_ alert: Alert, at seconds: Int64) -> Alert {
        var copy = alert
        copy.state = .inactive
        copy.resolvedAt = at(seconds)
        return copy
    }

    var team: ReceiverConfig {
        ReceiverConfig(name: "team", kind: .alertmanager([
            DeliveryEndpoint(url: "http://127.0.0.1:1/api/v2/alerts"), DeliveryEndpoint(url: "http://127.0.0.1:2/api/v2/alerts"),
        ]))
    }

    /// `endsAt` of each posted alert, by instance.
    func endsAt(_ payload: [UInt8]) throws -> [String: String] {
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [[String: Any]])
        var out: [String: String] = [:]
        for alert in alerts {
            let labels = try #require(alert["labels"] as? [String: String])
            out[labels["instance"] ?? ""] = alert["endsAt"] as? String
        }
        return out
    }

    @Test func resendsEveryResendDelayAndSendsResolutionsWithEndsAt() throws {
        var resender = AlertmanagerResender(route: AlertRoute(), resendDelay: .seconds(60))
        let a = firing("n1")
        #expect(resender.step([a], at: at(0))?.count == 1, "a new firing alert goes at once")
        #expect(resender.step([a], at: at(1)) == nil)
        #expect(resender.step([a], at: at(59)) == nil)
        #expect(resender.step([a], at: at(60))?.count == 1, "re-sent after resend_delay")
        let b = firing("n2", since: 70)
        #expect(resender.step([a, b], at: at(70))?.count == 2, "a new alert: every alert goes")
        let gone = resender.step([a, resolved(b, at: 80)], at: at(80))
        #expect(gone?.map(\.isResolved) == [false, true], "a resolution goes at once, with the firing alerts")
        #expect(resender.step([a, resolved(b, at: 80)], at: at(81)) == nil, "and once")
        #expect(resender.step([a, resolved(b, at: 80)], at: at(140))?.count == 2, "resolved alerts the engine holds are re-sent too")
        #expect(resender.step([], at: at(141)) == nil)
        #expect(resender.log.entries.isEmpty, "nothing routed: the entry goes")
    }

    @Test func aPostThatCouldNotBeQueuedIsProducedAgainNextCycle() throws {
        var dispatcher = AlertDispatcher(receivers: [team], externalURL: "", resendDelay: .seconds(60), validity: .seconds(240))
        let a = firing("n1")
        let first = dispatcher.step(current: [a], at: at(0))
        #expect(first.notifications.map(\.outboxKey) == ["team#1", "team#2"], "one post per URL, the same bytes")
        #expect(first.notifications[0].payload == first.notifications[1].payload)
        #expect(try endsAt(first.notifications[0].payload) == ["n1": "2023-11-14T22:17:20.000Z"], "valid for 240 s")

        let resolution = dispatcher.step(current: [resolved(a, at: 10)], at: at(10))
        #expect(try endsAt(resolution.notifications[0].payload) == ["n1": "2023-11-14T22:13:30.000Z"], "ends when it resolved")
        // The store failed: both URLs' posts are taken back, and the next cycle makes them again.
        for notification in resolution.notifications { dispatcher.takeBack(notification) }
        let again = dispatcher.step(current: [resolved(a, at: 10)], at: at(11))
        #expect(again.notifications.count == 2)
        #expect(try endsAt(again.notifications[0].payload) == ["n1": "2023-11-14T22:13:30.000Z"])
        #expect(dispatcher.step(current: [resolved(a, at: 10)], at: at(12)).notifications.isEmpty, "queued now: not again")
    }

    @Test func aRestoredLogIsNotPostedAgainBeforeResendDelay() throws {
        var before = AlertDispatcher(receivers: [team], externalURL: "")
        let a = firing("n1")
        let first = before.step(current: [a], at: at(0))
        // Rows as the history file keeps them: by outbox key, then group key.
        var saved: [String: [String: NotificationLog.Entry]] = [:]
        for notification in first.notifications { saved[notification.outboxKey] = [notification.groupKey: try #require(notification.log)] }

        var after = AlertDispatcher(receivers: [team], externalURL: "")
        after.restore(log: saved)
        #expect(after.step(current: [a], at: at(10)).notifications.isEmpty, "already posted before the restart")
        #expect(after.step(current: [resolved(a, at: 20)], at: at(20)).notifications.count == 2, "the resolution is news")

        var empty = AlertDispatcher(receivers: [team], externalURL: "")
        #expect(empty.step(current: [a], at: at(10)).notifications.count == 2, "no log: posted")
    }

    @Test func aSlowRuleGroupKeepsItsLongerValidity() throws {
        var a = firing("n1")
        a.validUntil = at(1200)
        let payload = AlertmanagerPayload.encoded([a], at: at(0), validity: .seconds(240))
        #expect(try endsAt(payload) == ["n1": "2023-11-14T22:33:20.000Z"], "the engine's validUntil when it is later")
    }
}
