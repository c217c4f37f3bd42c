internal import TimeSeries

/// Reads and writes `notification_log` rows on a connection the caller holds, so they can share
/// a transaction with the outbox rows they describe.
enum NotificationLogRows {
    /// Inserts or updates a group's row; `delivered` and `refused` stay as they were: queueing a
    /// notification says nothing about what reached the receiver.
    static func write(_ record: NotificationLogRecord, on connection: SQLiteConnection) throws(SQLiteError) {
        let upsert = try connection.statement("""
            INSERT INTO notification_log (receiver, group_key, firing, resolved, sent_ms) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (receiver, group_key) DO UPDATE SET firing = excluded.firing, resolved = excluded.resolved,
                sent_ms = excluded.sent_ms
            """)
        upsert.bind(1, record.receiver)
        upsert.bind(2, record.groupKey)
        upsert.bind(3, encoded(record.firing))
        upsert.bind(4, encoded(record.resolved))
        upsert.bind(5, record.sentAt.milliseconds)
        try upsert.run()
    }

    /// Records that the receiver accepted a notification of the group carrying `firing`, which
    /// are then no longer refused there; false when the group has no row any more (it was
    /// forgotten while the notification waited).
    static func markDelivered(
        receiver: String, groupKey: String, firing: Set<String>, on connection: SQLiteConnection
    ) throws(SQLiteError) -> Bool {
        guard let refusal = try refusal(receiver: receiver, groupKey: groupKey, on: connection) else { return false }
        let left = refusal.episodes.subtracting(firing)
        let update = try connection.statement("""
            UPDATE notification_log SET delivered = ?, refused = ?, refused_status = ?, refused_reason = ?
            WHERE receiver = ? AND group_key = ?
            """)
        update.bind(1, encoded(firing))
        update.bind(2, encoded(left))
        update.bind(3, left.isEmpty ? 0 : refusal.status)
        update.bind(4, left.isEmpty ? "" : refusal.reason)
        update.bind(5, receiver)
        update.bind(6, groupKey)
        try update.run()
        return true
    }

    static func delete(_ keys: [(receiver: String, groupKey: String)], on connection: SQLiteConnection) throws(SQLiteError) {
        guard !keys.isEmpty else { return }
        let delete = try connection.statement("DELETE FROM notification_log WHERE receiver = ? AND group_key = ?")
        for key in keys {
            delete.bind(1, key.receiver)
            delete.bind(2, key.groupKey)
            try delete.run()
        }
    }

    static func all(on connection: SQLiteConnection) throws(SQLiteError) -> [NotificationLogRecord] {
        let query = try connection.statement(
            """
            SELECT receiver, group_key, firing, resolved, sent_ms, delivered, refused, refused_status, refused_reason
            FROM notification_log ORDER BY receiver, group_key
            """)
        defer { query.reset() }
        var records: [NotificationLogRecord] = []
        while try query.step() {
            records.append(NotificationLogRecord(
                receiver: query.text(0), groupKey: query.text(1), firing: decoded(query.text(2)), resolved: decoded(query.text(3)),
                sentAt: Timestamp(milliseconds: query.int64(4)), delivered: decoded(query.text(5)), refused: decoded(query.text(6)),
                refusedStatus: query.int(7), refusedReason: query.text(8)))
        }
        return records
    }

    /// Episodes one a line, sorted, so equal sets are equal text.
    static func encoded(_ episodes: Set<String>) -> String { episodes.sorted().joined(separator: "\n") }

    static func decoded(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
    }
}
