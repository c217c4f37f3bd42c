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
