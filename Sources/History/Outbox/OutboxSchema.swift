/// The delivery side's tables, added to every history file the writer opens (older files gain
/// them on open):
/// - `outbox`: notifications waiting for their receiver, in the order they were queued.
/// - `notification_log`: per receiver and group, which alert episodes its last queued
///   notification covered and when, so dedup and `repeat_interval` survive a restart. A row is
///   written in the same transaction as the notification it describes, so the log never says
///   "notified" about a notification that is not in the outbox (or already delivered).
enum OutboxSchema {
    static let creation = """
        CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, receiver TEXT NOT NULL,
            group_key TEXT NOT NULL, payload BLOB NOT NULL, created_ms INTEGER NOT NULL, attempts INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL, last_error TEXT);
        CREATE INDEX IF NOT EXISTS outbox_by_receiver ON outbox (receiver, id);
        CREATE TABLE IF NOT EXISTS notification_log (receiver TEXT NOT NULL, group_key TEXT NOT NULL,
            firing TEXT NOT NULL, resolved TEXT NOT NULL, sent_ms INTEGER NOT NULL,
            PRIMARY KEY (receiver, group_key)) WITHOUT ROWID;
        """
}
