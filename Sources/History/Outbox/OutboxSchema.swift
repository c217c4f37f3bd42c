/// The delivery side's tables, added to every history file the writer opens (older files gain
/// them on open):
/// - `outbox`: notifications waiting for their receiver, in the order they were queued.
///   Each row keeps the firing alert episodes its payload carries (`firing`), so a 2xx can say
///   which alerts reached the receiver.
/// - `notification_log`: per receiver and group, which alert episodes its last queued
///   notification covered and when, so dedup and `repeat_interval` survive a restart. A row is
///   written in the same transaction as the notification it describes, so the log never says
///   "notified" about a notification that is not in the outbox (or already delivered). Its
///   `delivered` column holds the firing episodes of the last notification of the group a
///   receiver accepted, written in the transaction that takes it out of the outbox; `refused`
///   (with `refused_status` and `refused_reason`) the firing episodes of the last one it
///   refused for good that no later delivery carried, written the same way.
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
