import Alerting
import Foundation
import History
import Logging
import Synchronization
import TimeSeries

/// Sends what waits in the outbox, on threads of its own, so a slow or hanging receiver never
/// delays polling, storing or evaluation, nor the other receivers.
///
/// Each round takes every receiver's oldest due notification and sends each on a thread of its
/// own; a 2xx or a final 4xx removes a notification, anything else reschedules it with backoff.
/// Only the oldest is ever due, and a receiver with a send in flight is left out until it ends,
/// so each receiver gets its notifications in order, even across restarts, while the others
/// go on: one Alertmanager of a cluster that hangs (its host gone, say) leaves the others' alerts
/// as quick as ever. A 2xx, and a receiver's final 4xx, also land in `receipts` (and in the
/// notification log), so the dashboard and `/api/v1/alerts` can say where an alert got to.
final class DeliveryLoop: Sendable {
    let history: @Sendable () -> HistoryStore?
    let transport: DeliveryTransport
    let policy: RetryPolicy
    let logger: Logger
    let metrics: AgentMetrics
    let receivers: Mutex<[ReceiverConfig]>
    /// Which alerts each receiver accepted or refused; the alerting stage restores and prunes it.
    let receipts = Mutex(DeliveryReceipts())
    /// Where the time comes from; tests pass a manual clock and let minutes of outage pass in milliseconds.
    let clock: any LoopClock
    let stopping = Mutex(false)
    /// Whether the thread runs, so `stop()` after only stepping with `round()` does not wait for it.
    let started = Mutex(false)
    /// Cuts the idle wait short when something was queued or the loop is stopping.
    let alarm = LoopAlarm()
    let finished = DispatchSemaphore(value: 0)
    /// Outbox keys (receivers, or one URL of an Alertmanager receiver) with a send in flight.
    let sending = Mutex<Set<String>>([])
    /// Every send in flight, so a step and `stop()` can wait for them.
    let inFlight = DispatchGroup()
    /// Wakes the loop while sends are in flight: one ended, something was queued, or it is stopping.
    let wake = DispatchSemaphore(value: 0)
    /// How often the outbox is looked at when nothing wakes the loop, which bounds how late a
    /// retry can be.
    static let idlePoll = PromDuration.millis(100)

    init(
        receivers: [ReceiverConfig], history: @escaping @Sendable () -> HistoryStore?, transport: @escaping DeliveryTransport,
        policy: RetryPolicy = RetryPolicy(), logger: Logger, metrics: AgentMetrics, clock: any LoopClock = SystemLoopClock()
    ) {
        self.receivers = Mutex(receivers)
        self.clock = clock
        self.history = history
        self.transport = transport
        self.policy = policy
        self.logger = logger
        self.metrics = metrics
        showReceivers(receivers)
    }

    func start() {
        guard !started.withLock({ running in defer { running = true }; return running }) else { return }
        let thread = Thread { [self] in run() }
        thread.name = "backlog-delivery"
        thread.start()
    }

    /// Looks at the outbox now (something was queued).
    func poke() {
        alarm.signal()
        wake.signal()
    }

    func update(_ newReceivers: [ReceiverConfig]) {
        receivers.withLock { $0 = newReceivers }
        showReceivers(newReceivers)
    }

    /// Finishes the round in flight and stops; what is left stays in the outbox for next time.
    func stop() {
        stopping.withLock { $0 = true }
        alarm.signal()
        wake.signal()
        if started.withLock({ $0 }) { finished.wait() }
    }

    private func run() {
        while !stopping.withLock({ $0 }) {
            if startRound() { continue }
            if sending.withLock({ $0.isEmpty }) {
                clock.wait(until: clock.now() + DeliveryLoop.idlePoll, or: alarm)
            } else {
                // Real time, not the clock: a send ending is what this waits for, and a test's
                // manual clock counts this loop as idle only once nothing is in flight.
                _ = wake.wait(timeout: .now() + .milliseconds(Int(DeliveryLoop.idlePoll.milliseconds)))
            }
        }
        inFlight.wait()
        finished.signal()
    }

    /// One round, as a step: starts each due send and returns once they all ended; false when
    /// there was nothing to send.
    func round() -> Bool {
        defer { inFlight.wait() }
        return startRound()
    }

    /// Starts sending every receiver's oldest due notification, each on a thread of its own,
    /// leaving out receivers with a send in flight; false when there was nothing to start.
    private func startRound() -> Bool {
        guard let store = history() else { return false }
        let due: [OutboxItem]
        do { due = try store.dueNotifications(at: clock.now()) } catch {
            logger.error("cannot read the notification outbox", metadata: ["error": "\(error.description)"])
            return false
        }
        defer { report(store) }
        let busy = sending.withLock { $0 }
        let ready = due.filter { !busy.contains($0.receiver) }
        guard !ready.isEmpty else { return false }
        let configured = receivers.withLock { $0 }
        for item in ready {
            guard let receiver = configured.first(where: { $0.endpoint(forOutboxKey: item.receiver) != nil }),
                let endpoint = receiver.endpoint(forOutboxKey: item.receiver)
            else {
                settle(item, .drop(reason: "receiver is no longer configured"), status: nil, store: store, endpoint: nil)
                continue
            }
            send(item, DeliveryRequest(key: item.receiver, endpoint: endpoint, body: item.payload), store: store)
        }
        return true
    }

    /// Sends one notification on a thread of its own and settles it with the answer.
    private func send(_ item: OutboxItem, _ request: DeliveryRequest, store: HistoryStore) {
        sending.withLock { _ = $0.insert(item.receiver) }
        inFlight.enter()
        Thread.detachNewThread { [self] in
            let outcome = transport(request)
            let decision = policy.decide(outcome, attempt: item.attempts + 1, jitter: Double.random(in: 0..<1))
            let status: Int? = if case .status(let code) = outcome { code } else { nil }
            settle(item, decision, status: status, store: store, endpoint: request.endpoint)
            report(store)
            // Settled before the key is free, so the next round never sends this item again.
            sending.withLock { _ = $0.remove(item.receiver) }
            inFlight.leave()
            wake.signal()
        }
    }

    /// Applies `decision` to `item`; `status` is what the receiver answered, if it answered.
    private func settle(_ item: OutboxItem, _ decision: DeliveryDecision, status: Int?, store: HistoryStore, endpoint: DeliveryEndpoint?) {
        var metadata: Logger.Metadata = [
            "receiver": "\(item.receiver)", "group_key": "\(item.groupKey)", "attempt": "\(item.attempts + 1)",
        ]
        if let endpoint { metadata["endpoint"] = "\(endpoint.displayURL)" }
        do {
            switch decision {
            case .delivered:
                try delivered(item, store: store)
                count(item, .notificationsSent, .receiverSent)
                logger.debug("notification delivered", metadata: metadata)
            case .retry(let after, let reason):
                try store.rescheduleNotification(item.id, next: clock.now() + after, error: reason)
                count(item, .notificationsRetried, .receiverRetried)
                metadata["reason"] = "\(reason)"
                metadata["retry_in"] = "\(after)"
                logger.warning("notification not delivered; will retry", metadata: metadata)
            case .drop(let reason):
                if let status {
                    try refused(item, status: status, store: store)
                } else {
                    try store.removeNotification(item.id)
                }
                count(item, .notificationsDropped, .receiverDropped)
                metadata["reason"] = "\(reason)"
                logger.error("notification refused by the receiver; dropped", metadata: metadata)
            }
        } catch {
            logger.error("cannot update the notification outbox", metadata: ["error": "\(error.description)"])
        }
    }

    /// Counts an outcome in the total and under the item's receiver; anything but a 2xx is
    /// also a failed attempt.
    private func count(_ item: OutboxItem, _ total: MetricFamily, _ perReceiver: MetricFamily) {
        let labels = Labels(["receiver": DeliveryLoop.receiverName(item.receiver)])
        metrics.update { figures in
            figures.add(total)
            figures.add(perReceiver, labels: labels)
            if total != .notificationsSent {
                figures.add(.notificationsFailed)
                figures.add(.receiverFailed, labels: labels)
            }
        }
    }

    /// Every configured receiver's figures at zero, so they are there before its first notification.
    private func showReceivers(_ configured: [ReceiverConfig]) {
        metrics.update { figures in
            for family in [MetricFamily.notificationsSent, .notificationsFailed, .notificationsRetried, .notificationsDropped] {
                figures.add(family, 0)
            }
            for receiver in configured {
                let labels = Labels(["receiver": receiver.name])
                for family in [MetricFamily.receiverSent, .receiverFailed, .receiverRetried, .receiverDropped] {
                    figures.add(family, 0, labels: labels)
                }
                if figures.value(.receiverOutboxDepth, labels: labels) == nil { figures.set(.receiverOutboxDepth, 0, labels: labels) }
            }
        }
    }

    /// The outbox depth, in all and per receiver (an Alertmanager receiver's URLs added up).
    private func report(_ store: HistoryStore) {
        guard let depth = try? store.outboxDepth() else { return }
        var byReceiver: [String: Int] = [:]
        for name in receivers.withLock({ $0.map(\.name) }) { byReceiver[name] = 0 }
        for (key, count) in depth { byReceiver[DeliveryLoop.receiverName(key), default: 0] += count }
        metrics.update { figures in
            // A receiver that left the config and whose queue emptied reads 0, not its last depth.
            for labels in figures.labelSets(.receiverOutboxDepth) { figures.set(.receiverOutboxDepth, 0, labels: labels) }
            figures.set(.outboxDepth, Double(depth.values.reduce(0, +)))
            for (name, count) in byReceiver { figures.set(.receiverOutboxDepth, Double(count), labels: Labels(["receiver": name])) }
        }
    }

    /// `team#2` (one of an Alertmanager receiver's URLs) belongs to `team`.
    static func receiverName(_ outboxKey: String) -> String {
        String(outboxKey.prefix { $0 != "#" })
    }
}
