public import TimeSeries

/// The `outbox` and `notification_log` tables inside one write transaction
/// (`HistoryStore.withNotificationTables`): rows in, rows out, and what they mean is the
/// caller's. Only valid inside the call that hands it out.
public struct NotificationTables {
    let connection: SQLiteConnection

    /// Inserts an outbox row, due at `now`; returns its id, which grows with every insert.
    public func insertOutbox(
        receiver: String, groupKey: String, payload: [UInt8], firing: Set<String>, at now: Timestamp
    ) throws(HistoryError) -> Int64 {
        try Self.mapped { () throws(SQLiteError) -> Int64 in try Self.insertOutbox(
            receiver: receiver, groupKey: groupKey, payload: payload, firing: firing, at: now, on: connection) }
    }

    /// Deletes an outbox row (none with that id: nothing happens).
    public func deleteOutbox(id: Int64) throws(HistoryError) {
        try Self.mapped { () throws(SQLiteError) in try Self.deleteOutbox(id: id, on: connection) }
    }

    /// The notification-log row of `receiver` and `groupKey`, if there is one.
    public func logRow(receiver: String, groupKey: String) throws(HistoryError) -> NotificationLogRow? {
        try Self.mapped { () throws(SQLiteError) -> NotificationLogRow? in
            let query = try connection.statement("""
                SELECT receiver, group_key, firing, resolved, sent_ms, delivered, refused, refused_status, refused_reason
                FROM notification_log WHERE receiver = ? AND group_key = ?
                """)
            defer { query.reset() }
            query.bind(1, receiver)
            query.bind(2, groupKey)
            return try query.step() ? Self.logRow(query) : nil
        }
    }

    /// Every notification-log row, by receiver and group key.
    public func logRows() throws(HistoryError) -> [NotificationLogRow] {
        try Self.mapped { () throws(SQLiteError) -> [NotificationLogRow] in
            let query = try connection.statement("""
                SELECT receiver, group_key, firing, resolved, sent_ms, delivered, refused, refused_status, refused_reason
                FROM notification_log ORDER BY receiver, group_key
                """)
            defer { query.reset() }
            var rows: [NotificationLogRow] = []
            while try query.step() { rows.append(Self.logRow(query)) }
            return rows
        }
    }

    /// Inserts a notification-log row, or replaces every column of the one with its receiver and
    /// group key.
    public func writeLogRow(_ row: NotificationLogRow) throws(HistoryError) {
        try Self.mapped { () throws(SQLiteError) in
            let upsert = try connection.statement("""
                INSERT OR REPLACE INTO notification_log
                    (receiver, group_key, firing, resolved, sent_ms, delivered, refused, refused_status, refused_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            upsert.bind(1, row.receiver)
            upsert.bind(2, row.groupKey)
            upsert.bind(3, Self.encoded(row.firing))
            upsert.bind(4, Self.encoded(row.resolved))
            upsert.bind(5, row.sentAt.milliseconds)
            upsert.bind(6, Self.encoded(row.delivered))
            upsert.bind(7, Self.encoded(row.refused))
            upsert.bind(8, row.refusedStatus)
            upsert.bind(9, row.refusedReason)
            try upsert.run()
        }
    }

    /// Deletes the notification-log row of `receiver` and `groupKey` (none: nothing happens).
    public func deleteLogRow(receiver: String, groupKey: String) throws(HistoryError) {
        try Self.mapped { () throws(SQLiteError) in
            let delete = try connection.statement("DELETE FROM notification_log WHERE receiver = ? AND group_key = ?")
            delete.bind(1, receiver)
            delete.bind(2, groupKey)
            try delete.run()
        }
    }
}

extension NotificationTables {
    static func insertOutbox(
        receiver: String, groupKey: String, payload: [UInt8], firing: Set<String>, at now: Timestamp, on connection: SQLiteConnection
    ) throws(SQLiteError) -> Int64 {
        let insert = try connection.statement("""
            INSERT INTO outbox (receiver, group_key, payload, created_ms, attempts, next_attempt_ms, firing)
            VALUES (?, ?, ?, ?, 0, ?, ?)
            """)
        insert.bind(1, receiver)
        insert.bind(2, groupKey)
        insert.bind(3, blob: payload)
        insert.bind(4, now.milliseconds)
        insert.bind(5, now.milliseconds)
        insert.bind(6, encoded(firing))
        try insert.run()
        return try connection.scalar("SELECT last_insert_rowid()") ?? 0
    }

    static func deleteOutbox(id: Int64, on connection: SQLiteConnection) throws(SQLiteError) {
        let delete = try connection.statement("DELETE FROM outbox WHERE id = ?")
        delete.bind(1, id)
        try delete.run()
    }

    private static func logRow(_ query: SQLiteStatement) -> NotificationLogRow {
        NotificationLogRow(
            receiver: query.text(0), groupKey: query.text(1), firing: decoded(query.text(2)), resolved: decoded(query.text(3)),
            sentAt: Timestamp(milliseconds: query.int64(4)), delivered: decoded(query.text(5)), refused: decoded(query.text(6)),
            refusedStatus: query.int(7), refusedReason: query.text(8))
    }

    /// A set column's text: members one a line, sorted, so equal sets are equal text.
    static func encoded(_ members: Set<String>) -> String { members.sorted().joined(separator: "\n") }

    static func decoded(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
    }

    private static func mapped<Result>(_ body: () throws(SQLiteError) -> Result) throws(HistoryError) -> Result {
        do throws(SQLiteError) { return try body() } catch { throw HistoryError(error) }
    }
}
