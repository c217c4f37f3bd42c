import Alerting
import History
import TimeSeries

/// The history file's outbox and notification-log tables as the notification log's storage:
/// the one place that knows both what the log means (`Alerting`) and how its rows are kept
/// (`History`).
struct HistoryNotificationStorage: NotificationLogStorage {
    let store: HistoryStore

    func transaction<Result>(_ body: (HistoryNotificationRows) throws(HistoryError) -> Result) throws(HistoryError) -> Result {
        try store.withNotificationTables { (tables) throws(HistoryError) -> Result in
            try body(HistoryNotificationRows(tables: tables))
        }
    }
}

/// One transaction's rows: a record is one `notification_log` row, its sets and refusal column by column.
struct HistoryNotificationRows: NotificationLogRows {
    let tables: NotificationTables

    func queue(outboxKey: String, groupKey: String, payload: [UInt8], firing: Set<String>, at now: Timestamp) throws(HistoryError) -> Int64 {
        try tables.insertOutbox(receiver: outboxKey, groupKey: groupKey, payload: payload, firing: firing, at: now)
    }

    func dequeue(id: Int64) throws(HistoryError) { try tables.deleteOutbox(id: id) }

    func record(outboxKey: String, groupKey: String) throws(HistoryError) -> NotificationLogRecord? {
        try tables.logRow(receiver: outboxKey, groupKey: groupKey).map(Self.record)
    }

    func records() throws(HistoryError) -> [NotificationLogRecord] { try tables.logRows().map(Self.record) }

    func write(_ record: NotificationLogRecord) throws(HistoryError) {
        try tables.writeLogRow(NotificationLogRow(
            receiver: record.outboxKey, groupKey: record.groupKey, firing: record.entry.firing, resolved: record.entry.resolved,
            sentAt: record.entry.sentAt, delivered: record.delivered, refused: record.refusal?.firing ?? [],
            refusedStatus: record.refusal?.status ?? 0, refusedReason: record.refusal?.reason ?? ""))
    }

    func delete(outboxKey: String, groupKey: String) throws(HistoryError) {
        try tables.deleteLogRow(receiver: outboxKey, groupKey: groupKey)
    }

    static func record(_ row: NotificationLogRow) -> NotificationLogRecord {
        NotificationLogRecord(
            outboxKey: row.receiver, groupKey: row.groupKey,
            entry: NotificationLog.Entry(firing: row.firing, resolved: row.resolved, sentAt: row.sentAt), delivered: row.delivered,
            refusal: row.refused.isEmpty ? nil : RefusalReceipt(firing: row.refused, status: row.refusedStatus, reason: row.refusedReason))
    }
}

extension HistoryStore {
    /// The notification log kept in this history file, with its outbox.
    var notificationLog: DurableNotificationLog<HistoryNotificationStorage> {
        DurableNotificationLog(HistoryNotificationStorage(store: self))
    }
}
