import Alerting
import Foundation
import History
import Logging
import Synchronization
import TimeSeries

/// Sends what waits in the outbox, on its own thread, so a slow or hanging receiver never
/// delays polling, storing or evaluation.
///
/// Each round takes every receiver's oldest due notification and sends them all in one
/// transport call, concurrently; a 2xx or a final 4xx removes a notification, anything else
/// reschedules it with backoff. Only the oldest is ever due, so each receiver gets its
/// notifications in order, even across restarts.
final class DeliveryLoop: Sendable {
    struct Counts {
        var sent = 0
        var retried = 0
        var dropped = 0
    }

    let history: @Sendable () -> HistoryStore?
    let transport: DeliveryTransport
    let policy: RetryPolicy
    let logger: Logger
    let metrics: AgentMetrics
    let receivers: Mutex<[ReceiverConfig]>
    let counts = Mutex(Counts())
    let stopping = Mutex(false)
    let wake = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    /// How often the outbox is looked at when nothing wakes the loop, which bounds how late a
    /// retry can be.
    static let idlePoll = DispatchTimeInterval.milliseconds(100)

    init(
        receivers: [ReceiverConfig], history: @escaping @Sendable () -> HistoryStore?, transport: @escaping DeliveryTransport,
        policy: RetryPolicy = RetryPolicy(), logger: Logger, metrics: AgentMetrics
    ) {
        self.receivers = Mutex(receivers)
        self.history = history
        self.transport = transport
        self.policy = policy
        self.logger = logger
        self.metrics = metrics
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "backlog-delivery"
        thread.start()
    }

    /// Looks at the outbox now (something was queued).
    func poke() { wake.signal() }

    func update(_ newReceivers: [ReceiverConfig]) { receivers.withLock { $0 = newReceivers } }

    /// Finishes the round in flight and stops; what is left stays in the outbox for next time.
    func stop() {
        stopping.withLock { $0 = true }
        wake.signal()
        finished.wait()
    }

    private func run() {
        while !stopping.withLock({ $0 }) {
            if !round() { _ = wake.wait(timeout: .now() + DeliveryLoop.idlePoll) }
        }
        finished.signal()
    }

    /// One round; false when there was nothing to send.
    func round() -> Bool {
        guard let store = history() else { return false }
        let due: [OutboxItem]
        do { due = try store.dueNotifications(at: Timestamp.now()) } catch {
            logger.error("cannot read the notification outbox", metadata: ["error": "\(error.description)"])
            return false
        }
        defer { report(store) }
        guard !due.isEmpty else { return false }
        let configured = receivers.withLock { $0 }
        var requests: [DeliveryRequest] = []
        var sending: [OutboxItem] = []
        for item in due {
            guard let receiver = configured.first(where: { $0.endpoint(forOutboxKey: item.receiver) != nil }),
                let endpoint = receiver.endpoint(forOutboxKey: item.receiver)
            else {
                settle(item, .drop(reason: "receiver is no longer configured"), store: store, endpoint: nil)
                continue
            }
            requests.append(DeliveryRequest(key: item.receiver, endpoint: endpoint, body: item.payload))
            sending.append(item)
        }
        guard !requests.isEmpty else { return true }
        let outcomes = transport(requests)
        for (index, item) in sending.enumerated() {
            let decision = policy.decide(outcomes[index], attempt: item.attempts + 1, jitter: Double.random(in: 0..<1))
            settle(item, decision, store: store, endpoint: requests[index].endpoint)
        }
        return true
    }

    private func settle(_ item: OutboxItem, _ decision: DeliveryDecision, store: HistoryStore, endpoint: DeliveryEndpoint?) {
        var metadata: Logger.Metadata = [
            "receiver": "\(item.receiver)", "group_key": "\(item.groupKey)", "attempt": "\(item.attempts + 1)",
        ]
        if let endpoint { metadata["endpoint"] = "\(endpoint.displayURL)" }
        do {
            switch decision {
            case .delivered:
                try store.removeNotification(item.id)
                counts.withLock { $0.sent += 1 }
                logger.debug("notification delivered", metadata: metadata)
            case .retry(let after, let reason):
                try store.rescheduleNotification(item.id, next: Timestamp.now() + after, error: reason)
                counts.withLock { $0.retried += 1 }
                metadata["reason"] = "\(reason)"
                metadata["retry_in"] = "\(after)"
                logger.warning("notification not delivered; will retry", metadata: metadata)
            case .drop(let reason):
                try store.removeNotification(item.id)
                counts.withLock { $0.dropped += 1 }
                metadata["reason"] = "\(reason)"
                logger.error("notification refused by the receiver; dropped", metadata: metadata)
            }
        } catch {
            logger.error("cannot update the notification outbox", metadata: ["error": "\(error.description)"])
        }
    }

    private func report(_ store: HistoryStore) {
        let figures = counts.withLock { $0 }
        metrics.set("backlog_notifications_sent_total", Double(figures.sent))
        metrics.set("backlog_notifications_retried_total", Double(figures.retried))
        metrics.set("backlog_notifications_dropped_total", Double(figures.dropped))
        if let depth = try? store.outboxDepth() { metrics.set("backlog_outbox_depth", Double(depth.values.reduce(0, +))) }
    }
}
