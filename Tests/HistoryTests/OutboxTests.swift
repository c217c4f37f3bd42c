import Foundation
import History
import Testing
import TimeSeries

/// The durable outbox on a real history file.
@Suite struct OutboxTests {
    let path: String

    init() throws {
        let directory = NSTemporaryDirectory() + "backlog-outbox-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = "\(directory)/h.db"
    }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

    @Test func eachReceiverGetsItsOldestNotificationFirstAndOnlyWhenDue() throws {
        let store = try HistoryStore(path: path)
        defer { store.close() }
        let first = try store.enqueueNotification(receiver: "oncall", groupKey: "g1", payload: Array("one".utf8), at: at(10))
        try store.enqueueNotification(receiver: "oncall", groupKey: "g2", payload: Array("two".utf8), at: at(11))
        try store.enqueueNotification(receiver: "team", groupKey: "g1", payload: Array("three".utf8), at: at(12))
        #expect(try store.dueNotifications(at: at(12)).map(\.groupKey) == ["g1", "g1"])
        try store.rescheduleNotification(first, next: at(20), error: "HTTP 503")
        let waiting = try store.dueNotifications(at: at(15))
        #expect(waiting.map(\.receiver) == ["team"], "a retried notification holds back the later ones of its receiver")
        let retried = try #require(try store.dueNotifications(at: at(20)).first)
        #expect(retried.id == first && retried.attempts == 1 && retried.lastError == "HTTP 503")
        try store.removeNotification(first)
        #expect(try store.dueNotifications(at: at(20)).map { String(decoding: $0.payload, as: UTF8.self) } == ["two", "three"])
        #expect(try store.outboxDepth() == ["oncall": 1, "team": 1])
    }

    @Test func survivesAReopen() throws {
        do {
            let store = try HistoryStore(path: path)
            try store.enqueueNotification(receiver: "oncall", groupKey: "g", payload: [1, 2, 3], at: at(1))
            store.close()
        }
        let reopened = try HistoryStore(path: path)
        defer { reopened.close() }
        #expect(try reopened.dueNotifications(at: at(2)).first?.payload == [1, 2, 3])
    }
}
