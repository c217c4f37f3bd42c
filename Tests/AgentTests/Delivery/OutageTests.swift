@testable import Agent
import Alerting
import Foundation
import History
import Logging
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// "A receiver that is down for ten minutes receives everything, in order, once it is back":
/// the real delivery loop, retry policy and outbox on a real history file, with a clock the
/// test moves, so ten minutes pass in milliseconds.
@Suite struct OutageTests {
    /// What the fake receivers saw, and when "down" comes back.
    final class Receivers: Sendable {
        let start = Timestamp(milliseconds: 1_700_000_000_000)
        let clock: ManualClock
        let received = Mutex<[String: [String]]>([:])
        let attemptsWhileDown = Mutex(0)
        let firstDeliveryAfterOutage = Mutex<Timestamp?>(nil)
        var backAt: Timestamp { start + .seconds(600) }

        init() { clock = ManualClock(at: start) }

        func send(_ request: DeliveryRequest) -> DeliveryOutcome {
            let time = clock.now()
            if request.key == "down", time < backAt {
                attemptsWhileDown.withLock { $0 += 1 }
                return .failed(reason: "connection refused")
            }
            if request.key == "down" { firstDeliveryAfterOutage.withLock { $0 = $0 ?? time } }
            received.withLock { $0[request.key, default: []].append(String(decoding: request.body, as: UTF8.self)) }
            return .status(200)
        }
    }

    @Test func aReceiverDownForTenMinutesGetsEverythingInOrderOnceBack() throws {
        let directory = NSTemporaryDirectory() + "backlog-outage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try HistoryStore(path: "\(directory)/h.db")
        defer { store.close() }
        let receivers = Receivers()
        let metrics = AgentMetrics()
        let loop = DeliveryLoop(
            receivers: ["down", "up"].map { ReceiverConfig(name: $0, kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:1/\($0)"))) },
            history: { store }, transport: { receivers.send($0) }, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            metrics: metrics, clock: receivers.clock)

        // A notification for each receiver every 30 s for the ten minutes "down" is down, a
        // delivery round every simulated second (as the idle poll would), then five more minutes.
        var queued: [String] = []
        for second in 0..<900 {
            let now = receivers.start + .seconds(Int64(second))
            receivers.clock.advance(to: now)
            if second < 600, second % 30 == 0 {
                let text = "n\(second / 30)"
                queued.append(text)
                for receiver in ["down", "up"] {
                    try store.enqueueNotification(receiver: receiver, groupKey: "g", payload: Array(text.utf8), at: now)
                }
            }
            while loop.round() {}
        }

        let received = receivers.received.withLock { $0 }
        #expect(queued.count == 20)
        #expect(received["down"] == queued, "everything, once each, in the order it was queued")
        #expect(received["up"] == queued, "the receiver that stayed up was never held back")
        let back = try #require(receivers.firstDeliveryAfterOutage.withLock { $0 })
        #expect(back - receivers.backAt <= .seconds(60), "reached within the backoff cap of its return")
        #expect(receivers.attemptsWhileDown.withLock { $0 } <= 30, "backoff, not a retry storm")
        #expect(try store.outboxDepth().isEmpty)
        let down = Labels(["receiver": "down"])
        #expect(metrics.value(.receiverSent, labels: down) == 20)
        #expect(metrics.value(.receiverSent, labels: Labels(["receiver": "up"])) == 20)
        #expect(metrics.value(.receiverRetried, labels: down) == Double(receivers.attemptsWhileDown.withLock { $0 }))
        #expect(metrics.value(.receiverFailed, labels: down) == metrics.value(.receiverRetried, labels: down))
        #expect(metrics.value(.receiverOutboxDepth, labels: down) == 0)
        #expect(metrics.render().contains("backlog_receiver_notifications_retried_total{receiver=\"down\"} "))
    }
}
