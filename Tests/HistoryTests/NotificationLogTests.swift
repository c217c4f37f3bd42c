import Foundation
@testable import History
import Testing
import TimeSeries

/// The durable notification log on a real history file, written with the outbox rows it describes.
@Suite struct NotificationLogTests {
    let path: String

    init() throws {
        let directory = NSTemporaryDirectory() + "backlog-nflog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = "\(directory)/h.db"
    }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

    func record(_ receiver: String, _ key: String, firing: Set<String>, resolved: Set<String> = [], at seconds: Int64)
        -> NotificationLogRecord
    {
        NotificationLogRecord(receiver: receiver, groupKey: key, firing: firing, resolved: resolved, sentAt: at(seconds))
    }

    @Test func rowsAreWrittenWithTheirNotificationAndSurviveAReopen() throws {
        do {
            let store = try HistoryStore(path: path)
            let ids = try store.enqueueNotifications([
                NotificationToQueue(receiver: "hook", groupKey: "g1", payload: [1], log: record("hook", "g1", firing: ["a@1", "b@2"], at: 10)),
                NotificationToQueue(receiver: "team", groupKey: "api", payload: [2]),
                NotificationToQueue(receiver: "chat", groupKey: "g2", payload: [3], log: record("chat", "g2", firing: [], resolved: ["c@3"], at: 10)),
            ], at: at(10))
            #expect(ids.count == 3 && ids == ids.sorted())
            try store.enqueueNotifications(
                [NotificationToQueue(receiver: "hook", groupKey: "g1", payload: [4], log: record("hook", "g1", firing: ["a@1"], resolved: ["b@2"], at: 20))],
                at: at(20))
            store.close()
        }
        let store = try HistoryStore(path: path)
        defer { store.close() }
        #expect(try store.notificationLog() == [
            record("chat", "g2", firing: [], resolved: ["c@3"], at: 10),
            record("hook", "g1", firing: ["a@1"], resolved: ["b@2"], at: 20),
        ])
        #expect(try store.outboxDepth() == ["hook": 2, "team": 1, "chat": 1])
    }

    @Test func goneGroupsAndReceiversAreForgotten() throws {
        let store = try HistoryStore(path: path)
        defer { store.close() }
        try store.enqueueNotifications([
            NotificationToQueue(receiver: "hook", groupKey: "g1", payload: [1], log: record("hook", "g1", firing: ["a@1"], at: 1)),
            NotificationToQueue(receiver: "hook", groupKey: "g2", payload: [1], log: record("hook", "g2", firing: ["b@1"], at: 1)),
            NotificationToQueue(receiver: "old", groupKey: "g1", payload: [1], log: record("old", "g1", firing: ["a@1"], at: 1)),
        ], at: at(1))
        try store.enqueueNotifications([], forgetting: [("hook", "g1")], at: at(2))
        #expect(try store.notificationLog().map(\.groupKey) == ["g2", "g1"])
        #expect(try store.forgetNotificationLog(exceptReceivers: ["hook"]) == 1)
        #expect(try store.notificationLog().map { "\($0.receiver)/\($0.groupKey)" } == ["hook/g2"])
    }

    @Test func aDeliveryRecordsWhatItCarriedAndQueueingKeepsIt() throws {
        do {
            let store = try HistoryStore(path: path)
            try store.enqueueNotifications([
                NotificationToQueue(
                    receiver: "hook", groupKey: "g1", payload: [1], log: record("hook", "g1", firing: ["a@1", "b@2"], at: 10),
                    firing: ["a@1"]),
            ], at: at(10))
            let item = try #require(try store.dueNotifications(at: at(10)).first)
            #expect(item.firing == ["a@1"], "what the payload carries, which max_alerts may cut")
            #expect(try store.deliveredNotification(item))
            #expect(try store.outboxDepth().isEmpty)
            // A later notification of the group is queued: it has not reached the receiver yet.
            try store.enqueueNotifications([
                NotificationToQueue(
                    receiver: "hook", groupKey: "g1", payload: [2], log: record("hook", "g1", firing: ["a@1", "b@2", "c@3"], at: 20),
                    firing: ["a@1", "b@2", "c@3"]),
            ], at: at(20))
            store.close()
        }
        let store = try HistoryStore(path: path)
        defer { store.close() }
        #expect(try store.notificationLog() == [
            NotificationLogRecord(receiver: "hook", groupKey: "g1", firing: ["a@1", "b@2", "c@3"], resolved: [], sentAt: at(20), delivered: ["a@1"])
        ])
        // Its group forgotten while it waited: delivered, with nothing to record it against.
        try store.enqueueNotifications([], forgetting: [("hook", "g1")], at: at(30))
        let late = try #require(try store.dueNotifications(at: at(30)).first)
        #expect(try store.deliveredNotification(late) == false)
        #expect(try store.notificationLog().isEmpty)
        #expect(try store.outboxDepth().isEmpty)
    }

    @Test func aRefusalIsKeptAcrossAReopenUntilADeliveryCarriesItsAlerts() throws {
        do {
            let store = try HistoryStore(path: path)
            try store.enqueueNotifications([
                NotificationToQueue(
                    receiver: "strict", groupKey: "g1", payload: [1], log: record("strict", "g1", firing: ["a@1"], at: 10), firing: ["a@1"]),
            ], at: at(10))
            let refused = try #require(try store.dueNotifications(at: at(10)).first)
            #expect(try store.refusedNotification(refused, status: 400, reason: "Bad Request"))
            #expect(try store.outboxDepth().isEmpty, "a refusal is final: it leaves the outbox")
            // The group's next notification is queued: the refusal stands until it is accepted.
            try store.enqueueNotifications([
                NotificationToQueue(
                    receiver: "strict", groupKey: "g1", payload: [2], log: record("strict", "g1", firing: ["a@1", "b@2"], at: 20),
                    firing: ["a@1", "b@2"]),
            ], at: at(20))
            store.close()
        }
        let store = try HistoryStore(path: path)
        defer { store.close() }
        #expect(try store.notificationLog() == [
            NotificationLogRecord(
                receiver: "strict", groupKey: "g1", firing: ["a@1", "b@2"], resolved: [], sentAt: at(20), refused: ["a@1"],
                refusedStatus: 400, refusedReason: "Bad Request")
        ])
        let accepted = try #require(try store.dueNotifications(at: at(20)).first)
        #expect(try store.deliveredNotification(accepted))
        #expect(try store.notificationLog() == [
            NotificationLogRecord(receiver: "strict", groupKey: "g1", firing: ["a@1", "b@2"], resolved: [], sentAt: at(20), delivered: ["a@1", "b@2"])
        ])
        // A refusal for a group forgotten while it waited has nothing to be recorded against.
        try store.enqueueNotifications(
            [NotificationToQueue(receiver: "strict", groupKey: "g2", payload: [3], firing: ["c@3"])], at: at(30))
        let late = try #require(try store.dueNotifications(at: at(30)).first)
        #expect(try store.refusedNotification(late, status: 404, reason: "Not Found") == false)
        #expect(try store.outboxDepth().isEmpty)
    }

    @Test func aFileFromBeforeDeliveryReceiptsGainsTheColumns() throws {
        try HistoryStore(path: path).close()
        do {
            // The tables as the previous release wrote them, with a notification waiting.
            let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
            defer { connection.close() }
            try connection.execute("""
                DROP TABLE outbox; DROP TABLE notification_log;
                CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, receiver TEXT NOT NULL,
                    group_key TEXT NOT NULL, payload BLOB NOT NULL, created_ms INTEGER NOT NULL, attempts INTEGER NOT NULL,
                    next_attempt_ms INTEGER NOT NULL, last_error TEXT);
                CREATE TABLE notification_log (receiver TEXT NOT NULL, group_key TEXT NOT NULL,
                    firing TEXT NOT NULL, resolved TEXT NOT NULL, sent_ms INTEGER NOT NULL,
                    PRIMARY KEY (receiver, group_key)) WITHOUT ROWID;
                INSERT INTO outbox (receiver, group_key, payload, created_ms, attempts, next_attempt_ms) VALUES ('hook', 'g1', x'01', 1000, 0, 1000);
                INSERT INTO notification_log VALUES ('hook', 'g1', 'a@1', '', 1000);
                """)
        }
        let store = try HistoryStore(path: path)
        defer { store.close() }
        let old = try #require(try store.dueNotifications(at: at(1)).first)
        #expect(old.firing.isEmpty, "an old row says nothing about the alerts it carries")
        #expect(try store.deliveredNotification(old))
        #expect(try store.notificationLog() == [record("hook", "g1", firing: ["a@1"], at: 1)])
    }
}
