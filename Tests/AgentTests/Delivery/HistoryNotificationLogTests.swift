@testable import Agent
import Alerting
import Foundation
@testable import History
import Testing
import TimeSeries

/// The notification log kept in a real history file: what a delivery or a refusal records is
/// there after a reopen, and a notification and its record land together or not at all.
@Suite struct HistoryNotificationLogTests {
    let path: String

    init() throws {
        let directory = NSTemporaryDirectory() + "backlog-nflog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = "\(directory)/h.db"
    }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

    func queued(_ outboxKey: String, _ groupKey: String, _ firing: Set<String>, at seconds: Int64) -> DispatchResult {
        DispatchResult(notifications: [OutgoingNotification(
            outboxKey: outboxKey, groupKey: groupKey, payload: Array("\(groupKey)@\(seconds)".utf8),
            log: NotificationLog.Entry(firing: firing, resolved: [], sentAt: at(seconds)), firing: firing)])
    }

    @Test func deliveriesAndRefusalsSurviveAReopen() throws {
        do {
            let store = try HistoryStore(path: path)
            try store.notificationLog.enqueue(queued("hook", "g1", ["a@1"], at: 10), at: at(10))
            try store.notificationLog.enqueue(queued("strict", "g2", ["b@1"], at: 10), at: at(10))
            for item in try store.dueNotifications(at: at(10)) {
                if item.receiver == "hook" {
                    #expect(try store.notificationLog.delivered(item.id, outboxKey: item.receiver, groupKey: item.groupKey, firing: item.firing))
                } else {
                    #expect(try store.notificationLog.refused(
                        item.id, outboxKey: item.receiver, groupKey: item.groupKey, firing: item.firing, status: 400, reason: "Bad Request"))
                }
            }
            // The next notification of hook's group waits: it has not reached the receiver yet.
            try store.notificationLog.enqueue(queued("hook", "g1", ["a@1", "c@3"], at: 20), at: at(20))
            store.close()
        }
        let store = try HistoryStore(path: path)
        defer { store.close() }
        let saved = try store.notificationLog.saved()
        #expect(saved.records == [
            NotificationLogRecord(
                outboxKey: "hook", groupKey: "g1", entry: NotificationLog.Entry(firing: ["a@1", "c@3"], resolved: [], sentAt: at(20)),
                delivered: ["a@1"]),
            NotificationLogRecord(
                outboxKey: "strict", groupKey: "g2", entry: NotificationLog.Entry(firing: ["b@1"], resolved: [], sentAt: at(10)),
                refusal: RefusalReceipt(firing: ["b@1"], status: 400, reason: "Bad Request")),
        ])
        let waiting = try #require(try store.dueNotifications(at: at(20)).first)
        #expect(String(decoding: waiting.payload, as: UTF8.self) == "g1@20" && waiting.firing == ["a@1", "c@3"])
        #expect(try store.outboxDepth() == ["hook": 1])
    }

    @Test func aNotificationThatCannotBeQueuedLeavesNoRecord() throws {
        let store = try HistoryStore(path: path)
        defer { store.close() }
        try store.notificationLog.enqueue(queued("hook", "g1", ["a@1"], at: 10), at: at(10))
        try store.failOutboxWrites(true)
        var failing = queued("hook", "g2", ["b@1"], at: 20)
        failing.forgotten = [("hook", "g1")]
        #expect(throws: HistoryError.self) { try store.notificationLog.enqueue(failing, at: at(20)) }
        try store.failOutboxWrites(false)
        #expect(try store.notificationLog.saved().records.map(\.groupKey) == ["g1"])
        #expect(try store.outboxDepth() == ["hook": 1])
    }
}
