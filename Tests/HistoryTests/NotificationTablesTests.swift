import Foundation
@testable import History
import Testing
import TimeSeries

/// The outbox and notification-log tables on a real history file: rows written in one
/// transaction land together or not at all, and keep every column across a reopen.
@Suite struct NotificationTablesTests {
    let path: String

    init() throws {
        let directory = NSTemporaryDirectory() + "backlog-nflog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = "\(directory)/h.db"
    }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

    func row(_ receiver: String, _ key: String, firing: Set<String>, at seconds: Int64) -> NotificationLogRow {
        NotificationLogRow(receiver: receiver, groupKey: key, firing: firing, resolved: [], sentAt: at(seconds))
    }

    @Test func rowsWrittenTogetherSurviveAReopenColumnByColumn() throws {
        let full = NotificationLogRow(
            receiver: "strict", groupKey: "g1", firing: ["a@1", "b@2"], resolved: ["c@3"], sentAt: at(20), delivered: ["a@1"],
            refused: ["b@2"], refusedStatus: 400, refusedReason: "Bad Request")
        do {
            let store = try HistoryStore(path: path)
            let ids = try store.withNotificationTables { (tables) throws(HistoryError) -> [Int64] in
                let first = try tables.insertOutbox(receiver: "strict", groupKey: "g1", payload: [1], firing: ["a@1"], at: at(10))
                let second = try tables.insertOutbox(receiver: "hook", groupKey: "g2", payload: [2], firing: [], at: at(10))
                try tables.writeLogRow(row("strict", "g1", firing: ["a@1"], at: 10))
                try tables.writeLogRow(row("hook", "g2", firing: ["x@1"], at: 10))
                return [first, second]
            }
            #expect(ids.count == 2 && ids[0] < ids[1])
            try store.withNotificationTables { (tables) throws(HistoryError) in
                try tables.writeLogRow(full)
                try tables.deleteLogRow(receiver: "hook", groupKey: "g2")
                try tables.deleteOutbox(id: ids[1])
            }
            store.close()
        }
        let store = try HistoryStore(path: path)
        defer { store.close() }
        try store.withNotificationTables { (tables) throws(HistoryError) in
            #expect(try tables.logRows() == [full], "a write replaces every column")
            #expect(try tables.logRow(receiver: "strict", groupKey: "g1") == full)
            #expect(try tables.logRow(receiver: "hook", groupKey: "g2") == nil)
        }
        let due = try store.dueNotifications(at: at(10))
        #expect(due.map(\.receiver) == ["strict"])
        #expect(due.first?.firing == ["a@1"])
        #expect(try store.outboxDepth() == ["strict": 1])
    }

    /// A notification and its log row are committed together: when the transaction fails
    /// halfway, neither is in the file.
    @Test func aFailedTransactionWritesNothing() throws {
        let store = try HistoryStore(path: path)
        defer { store.close() }
        try store.failOutboxWrites(true)
        #expect(throws: HistoryError.self) {
            try store.withNotificationTables { (tables) throws(HistoryError) in
                try tables.writeLogRow(row("hook", "g1", firing: ["a@1"], at: 1))
                _ = try tables.insertOutbox(receiver: "hook", groupKey: "g1", payload: [1], firing: ["a@1"], at: at(1))
            }
        }
        try store.failOutboxWrites(false)
        try store.withNotificationTables { (tables) throws(HistoryError) in #expect(try tables.logRows().isEmpty) }
        #expect(try store.outboxDepth().isEmpty)
    }

    @Test func aFileFromBeforeDeliveryReceiptsGainsTheColumns() throws {
        try HistoryStore(path: path).close()
        do {
            // The tables as an earlier release wrote them, with a notification waiting.
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
        #expect(old.firing.isEmpty, "an old row has an empty set")
        try store.withNotificationTables { (tables) throws(HistoryError) in
            #expect(try tables.logRows() == [row("hook", "g1", firing: ["a@1"], at: 1)])
            var delivered = row("hook", "g1", firing: ["a@1"], at: 1)
            delivered.delivered = ["a@1"]
            try tables.writeLogRow(delivered)
            try tables.deleteOutbox(id: old.id)
            #expect(try tables.logRows() == [delivered])
        }
        #expect(try store.outboxDepth().isEmpty)
    }
}
