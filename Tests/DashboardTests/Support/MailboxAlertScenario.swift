import Agent
import Alerting
import Foundation
import Query
import TimeSeries

/// The shipped mailbox rules (rules/erlang-mailboxes.yml) run second by second over a small
/// constructed fleet, with the dispatcher of a webhook receiver behind them: real alerts, with
/// their real ages, and the notifications the receiver was sent on the way. Receivers named in
/// `down` never accept a notification, those in `refusing` refuse each for good (a 400); every
/// other one accepts each at once, which `snapshot` shows as the agent's delivery receipts would.
///
/// The fleet: on chat7, `chat_router` holds 25,000 messages from the start (down to 100 from
/// `recovery` on, when given) and the node 150,000 in all; on chat3, an unnamed process jumps
/// from 500 to 15,000 messages at second 120.
struct MailboxAlertScenario {
    static let receiver = "oncall"
    /// A second receiver, for paging alerts only.
    static let pager = ReceiverConfig(
        name: "pager", kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:9/page")),
        route: AlertRoute(matchers: [.equal("severity", "page")]))
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The engine's alerts after the last evaluation.
    private(set) var alerts: [Alert] = []
    /// Each notification body `oncall` was sent, with the second it was sent at.
    private(set) var deliveries: [(second: Int64, payload: [UInt8])] = []
    /// The alerts with where each firing one was delivered, as `backlog watch` gets them.
    private(set) var snapshot = AlertsSnapshot()

    /// Evaluates once a second from 0 through `end`; with `pager` as a second receiver when asked.
    init(through end: Int64, recovery: Int64 = .max, withPager: Bool = false, down: Set<String> = [], refusing: Set<String> = []) throws {
        let rules = try RuleSet.load(paths: [Self.packageRoot.appendingPathComponent("rules/erlang-mailboxes.yml").path])
        let reader = InMemorySeriesReader(Self.fleet(through: end, recovery: recovery))
        var engine = RuleEngine(rules: rules)
        let oncall = ReceiverConfig(name: Self.receiver, kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:9/hook")))
        var dispatcher = AlertDispatcher(receivers: withPager ? [oncall, Self.pager] : [oncall], externalURL: "http://backlog.example:9187")
        var receipts = DeliveryReceipts()
        for second in 0...end {
            let time = Timestamp(milliseconds: second * 1000)
            _ = engine.evaluate(at: time, reader: reader)
            let sent = dispatcher.step(current: engine.alerts, at: time)
            for notification in sent.notifications where !down.contains(notification.outboxKey) {
                if refusing.contains(notification.outboxKey) {
                    receipts.recordRefusal(
                        outboxKey: notification.outboxKey, groupKey: notification.groupKey, firing: notification.firing, status: 400,
                        reason: "Bad Request")
                } else {
                    receipts.record(outboxKey: notification.outboxKey, groupKey: notification.groupKey, firing: notification.firing)
                }
            }
            deliveries += sent.notifications.filter { $0.outboxKey == Self.receiver }.map { (second, $0.payload) }
        }
        alerts = engine.alerts
        snapshot = AlertsSnapshot(alerts: alerts, deliveries: dispatcher.deliveries(of: alerts, receipts: receipts))
    }

    private static func fleet(through end: Int64, recovery: Int64) -> [StoredSeries] {
        func series(_ pairs: [(String, String)], value: (Int64) -> Double) -> StoredSeries {
            let seconds = Array(0...end)
            return StoredSeries(labels: Labels(pairs.map { Label($0.0, $0.1) }), timestamps: seconds.map { $0 * 1000 },
                                values: seconds.map(value))
        }
        let chat7 = [("job", "erlang"), ("instance", "chat7:9199")]
        let chat3 = [("job", "erlang"), ("instance", "chat3:9199")]
        return [
            series([("__name__", "erlang_node_info")] + chat7 + [("node", "chat7@host")]) { _ in 1 },
            series([("__name__", "erlang_node_info")] + chat3 + [("node", "chat3@host")]) { _ in 1 },
            series([("__name__", "erlang_process_message_queue_len")] + chat7
                + [("pid", "<0.501.0>"), ("name", "chat_router")]) { $0 < recovery ? 25_000 : 100 },
            series([("__name__", "erlang_process_message_queue_len")] + chat3 + [("pid", "<0.777.0>")]) { $0 < 120 ? 500 : 15_000 },
            series([("__name__", "erlang_vm_message_queue_len_sum")] + chat7) { _ in 150_000 },
            series([("__name__", "erlang_vm_message_queue_len_sum")] + chat3) { $0 < 120 ? 2_000 : 16_500 },
        ]
    }
}
