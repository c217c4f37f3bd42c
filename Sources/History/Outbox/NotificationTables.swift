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

/// One row of the `notification_log` table, column by column. What the columns mean — which
/// alerts a receiver was told about, accepted or refused — is the notification log's business
/// in `Alerting`; the store only keeps them.
public struct NotificationLogRow: Sendable, Equatable {
    /// `receiver`: the outbox key the row belongs to.
    public var receiver: String
    /// `group_key`.
    public var groupKey: String
    /// `firing`: a set of opaque strings.
    public var firing: Set<String>
    /// `resolved`: a set of opaque strings.
    public var resolved: Set<String>
    /// `sent_ms`.
    public var sentAt: Timestamp
    /// `delivered`: a set of opaque strings.
    public var delivered: Set<String>
    /// `refused`: a set of opaque strings.
    public var refused: Set<String>
    /// `refused_status`.
    public var refusedStatus: Int
    /// `refused_reason`.
    public var refusedReason: String

    public init(
        receiver: String, groupKey: String, firing: Set<String>, resolved: Set<String>, sentAt: Timestamp, delivered: Set<String> = [],
        refused: Set<String> = [], refusedStatus: Int = 0, refusedReason: String = ""
    ) {
        self.receiver = receiver
        self.groupKey = groupKey
        self.firing = firing
        self.resolved = resolved
        self.sentAt = sentAt
        self.delivered = delivered
        self.refused = refused
        self.refusedStatus = refusedStatus
        self.refusedReason = refusedReason
    }
}

/// One notification waiting in the durable outbox until a receiver accepts it.
public struct OutboxItem: Sendable, Equatable {
    /// Increases with every enqueue, so it orders a receiver's notifications.
    public var id: Int64
    public var receiver: String
    /// Alertmanager's `groupKey`: receivers use it (with fingerprints) to drop repeats.
    public var groupKey: String
    /// The request body, exactly as it will be sent.
    public var payload: [UInt8]
    public var createdAt: Timestamp
    public var attempts: Int
    public var nextAttempt: Timestamp
    public var lastError: String?
    /// The firing alert episodes the payload carries (empty for one queued by an older agent).
    public var firing: Set<String>

    public init(
        id: Int64, receiver: String, groupKey: String, payload: [UInt8], createdAt: Timestamp, attempts: Int,
        nextAttempt: Timestamp, lastError: String?, firing: Set<String> = []
    ) {
        self.id = id
        self.receiver = receiver
        self.groupKey = groupKey
        self.payload = payload
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.lastError = lastError
        self.firing = firing
    }
}

/// The delivery side's tables, added to every history file the writer opens (older files gain
/// them on open):
/// - `outbox`: notifications waiting for their receiver, in the order they were queued, each
///   with the set of strings (`firing`) its writer keeps beside the payload.
/// - `notification_log`: one row per receiver and group key, columns of sets of strings, a time,
///   a status and a reason.
///
/// The store keeps rows (`NotificationTables`) and never reads meaning into them; `Alerting`'s
/// `DurableNotificationLog` says what they mean and writes each log row in the transaction
/// that queues or settles the notification it describes.
enum OutboxSchema {
    static let creation = """
        CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, receiver TEXT NOT NULL,
            group_key TEXT NOT NULL, payload BLOB NOT NULL, created_ms INTEGER NOT NULL, attempts INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL, last_error TEXT, firing TEXT NOT NULL DEFAULT '');
        CREATE INDEX IF NOT EXISTS outbox_by_receiver ON outbox (receiver, id);
        CREATE TABLE IF NOT EXISTS notification_log (receiver TEXT NOT NULL, group_key TEXT NOT NULL,
            firing TEXT NOT NULL, resolved TEXT NOT NULL, sent_ms INTEGER NOT NULL, delivered TEXT NOT NULL DEFAULT '',
            refused TEXT NOT NULL DEFAULT '', refused_status INTEGER NOT NULL DEFAULT 0,
            refused_reason TEXT NOT NULL DEFAULT '', PRIMARY KEY (receiver, group_key)) WITHOUT ROWID;
        """

    /// Columns added after the tables first shipped: a file written by an older agent gains them
    /// on open (empty: its queued notifications report no alerts as delivered or refused).
    static let addedColumns: [(table: String, column: String, definition: String)] = [
        ("outbox", "firing", "TEXT NOT NULL DEFAULT ''"),
        ("notification_log", "delivered", "TEXT NOT NULL DEFAULT ''"),
        ("notification_log", "refused", "TEXT NOT NULL DEFAULT ''"),
        ("notification_log", "refused_status", "INTEGER NOT NULL DEFAULT 0"),
        ("notification_log", "refused_reason", "TEXT NOT NULL DEFAULT ''"),
    ]

    /// Creates the tables, or adds the columns an older file lacks.
    static func apply(on connection: SQLiteConnection) throws(SQLiteError) {
        try connection.execute(creation)
        for added in addedColumns {
            let present = try connection.scalar(
                "SELECT count(*) FROM pragma_table_info('\(added.table)') WHERE name = '\(added.column)'") ?? 0
            if present == 0 { try connection.execute("ALTER TABLE \(added.table) ADD COLUMN \(added.column) \(added.definition)") }
        }
    }
}
