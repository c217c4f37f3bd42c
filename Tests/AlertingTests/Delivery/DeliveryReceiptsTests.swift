import Alerting
import Testing
import TimeSeries

/// Where each firing alert got to, from the dispatcher's notification logs and the receipts of
/// what receivers accepted, driven by the times the test gives.
@Suite struct DeliveryReceiptsTests {
    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: 1_700_000_000_000 + seconds * 1000) }

    func firing(_ instance: String, since: Int64 = 0) -> Alert {
        Alert(
            labels: Labels(["alertname": "HighBacklog", "instance": instance]), state: .firing, value: 1, activeAt: at(since),
            firedAt: at(since))
    }

    /// Marks every notification of `result` for the outbox keys in `accepting` as accepted.
    func accept(_ result: DispatchResult, by accepting: Set<String>, into receipts: inout DeliveryReceipts) {
        for notification in result.notifications where accepting.contains(notification.outboxKey) {
            receipts.record(outboxKey: notification.outboxKey, groupKey: notification.groupKey, firing: notification.firing)
        }
    }

    @Test func onlyTheAlertsAPayloadCarriedCountAsDelivered() {
        // max_alerts 1: the second alert is in the group (and the log) but not in the payload.
        var dispatcher = AlertDispatcher(
            receivers: [ReceiverConfig(name: "hook", kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:1/")), maxAlerts: 1)],
            externalURL: "http://agent")
        let alerts = [firing("n1"), firing("n2")]
        var receipts = DeliveryReceipts()
        accept(dispatcher.step(current: alerts, at: at(0)), by: ["hook"], into: &receipts)
        let deliveries = dispatcher.deliveries(of: alerts, receipts: receipts)
        #expect(deliveries[alerts[0].fingerprint] == AlertDelivery(deliveredTo: ["hook"]))
        #expect(deliveries[alerts[1].fingerprint] == AlertDelivery(queuedFor: ["hook"]))
    }

    @Test func anAlertmanagerReceiverHasItOnceAnyOfItsURLsAccepted() {
        let team = ReceiverConfig(
            name: "team", kind: .alertmanager([DeliveryEndpoint(url: "http://127.0.0.1:1"), DeliveryEndpoint(url: "http://127.0.0.1:2")]))
        var dispatcher = AlertDispatcher(receivers: [team], externalURL: "http://agent")
        let alert = firing("n1")
        var receipts = DeliveryReceipts()
        let posted = dispatcher.step(current: [alert], at: at(0))
        #expect(dispatcher.deliveries(of: [alert], receipts: receipts)[alert.fingerprint] == AlertDelivery(queuedFor: ["team"]))
        accept(posted, by: ["team#2"], into: &receipts)
        #expect(dispatcher.deliveries(of: [alert], receipts: receipts)[alert.fingerprint] == AlertDelivery(deliveredTo: ["team"]))
    }

    @Test func anAlertThatFiresAgainIsNewsUntilAcceptedAgain() {
        var dispatcher = AlertDispatcher(
            receivers: [ReceiverConfig(name: "hook", kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:1/")))], externalURL: "http://agent")
        var receipts = DeliveryReceipts()
        let first = firing("n1")
        accept(dispatcher.step(current: [first], at: at(0)), by: ["hook"], into: &receipts)
        // Resolved, then firing again: a new episode, which the receiver has not been told about.
        var gone = first
        gone.state = .inactive
        gone.resolvedAt = at(10)
        accept(dispatcher.step(current: [gone], at: at(10)), by: ["hook"], into: &receipts)
        let again = firing("n1", since: 20)
        _ = dispatcher.step(current: [again], at: at(20))
        #expect(dispatcher.deliveries(of: [again], receipts: receipts)[again.fingerprint] == AlertDelivery(queuedFor: ["hook"]))
        #expect(dispatcher.deliveries(of: [], receipts: receipts).isEmpty)
    }

    /// Marks every notification of `result` for the outbox keys in `refusing` as refused with a 400.
    func refuse(_ result: DispatchResult, by refusing: Set<String>, into receipts: inout DeliveryReceipts) {
        for notification in result.notifications where refusing.contains(notification.outboxKey) {
            receipts.recordRefusal(
                outboxKey: notification.outboxKey, groupKey: notification.groupKey, firing: notification.firing, status: 400,
                reason: "Bad Request")
        }
    }

    static func badRequest(_ receiver: String) -> DeliveryRefusal { DeliveryRefusal(receiver: receiver, status: 400, reason: "Bad Request") }

    @Test func aFinalRefusalReadsRefusedNotQueuedUntilALaterDeliveryOfTheEpisode() {
        let hook = ReceiverConfig(name: "hook", kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:1/")))
        let strict = ReceiverConfig(name: "strict", kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:2/")))
        var dispatcher = AlertDispatcher(receivers: [hook, strict], externalURL: "http://agent")
        var receipts = DeliveryReceipts()
        let first = firing("n1")
        let sent = dispatcher.step(current: [first], at: at(0))
        accept(sent, by: ["hook"], into: &receipts)
        refuse(sent, by: ["strict"], into: &receipts)
        #expect(dispatcher.deliveries(of: [first], receipts: receipts)[first.fingerprint]
            == AlertDelivery(deliveredTo: ["hook"], refusedBy: [Self.badRequest("strict")]))

        // A second alert joins the group: its notification waits for strict, and the refusal of
        // the first stays ahead of "queued" until strict answers.
        let second = firing("n2", since: 5)
        let next = dispatcher.step(current: [first, second], at: at(5))
        #expect(next.notifications.map(\.outboxKey).sorted() == ["hook", "strict"])
        accept(next, by: ["hook"], into: &receipts)
        var deliveries = dispatcher.deliveries(of: [first, second], receipts: receipts)
        #expect(deliveries[first.fingerprint] == AlertDelivery(deliveredTo: ["hook"], refusedBy: [Self.badRequest("strict")]))
        #expect(deliveries[second.fingerprint] == AlertDelivery(deliveredTo: ["hook"], queuedFor: ["strict"]))

        // strict accepts it: the same episode, delivered, is no longer refused.
        accept(next, by: ["strict"], into: &receipts)
        deliveries = dispatcher.deliveries(of: [first, second], receipts: receipts)
        #expect(deliveries[first.fingerprint] == AlertDelivery(deliveredTo: ["hook", "strict"]))
        #expect(receipts.refused.isEmpty)
    }

    @Test func anAlertmanagerReceiverRefusedByOneURLStillHasItFromAnother() {
        let team = ReceiverConfig(
            name: "team", kind: .alertmanager([DeliveryEndpoint(url: "http://127.0.0.1:1"), DeliveryEndpoint(url: "http://127.0.0.1:2")]))
        var dispatcher = AlertDispatcher(receivers: [team], externalURL: "http://agent")
        let alert = firing("n1")
        var receipts = DeliveryReceipts()
        let posted = dispatcher.step(current: [alert], at: at(0))
        refuse(posted, by: ["team#1"], into: &receipts)
        #expect(dispatcher.deliveries(of: [alert], receipts: receipts)[alert.fingerprint] == AlertDelivery(refusedBy: [Self.badRequest("team")]))
        accept(posted, by: ["team#2"], into: &receipts)
        #expect(dispatcher.deliveries(of: [alert], receipts: receipts)[alert.fingerprint] == AlertDelivery(deliveredTo: ["team"]))
    }

    @Test func refusalsGoWithTheirGroupAndReceiver() {
        var receipts = DeliveryReceipts()
        receipts.recordRefusal(outboxKey: "hook", groupKey: "g1", firing: ["a@1"], status: 404, reason: "Not Found")
        receipts.recordRefusal(outboxKey: "hook", groupKey: "g2", firing: ["b@1"], status: 400)
        receipts.recordRefusal(outboxKey: "old", groupKey: "g1", firing: ["a@1"], status: 400)
        receipts.forget(outboxKey: "hook", groupKey: "g1")
        receipts.keep(outboxKeys: ["hook"])
        #expect(receipts.refused == ["hook": ["g2": RefusalReceipt(firing: ["b@1"], status: 400)]])
        // A refusal of a notification announcing only resolutions leaves nothing to show.
        receipts.recordRefusal(outboxKey: "hook", groupKey: "g2", firing: [], status: 400)
        #expect(receipts.refused.isEmpty)
    }
}
