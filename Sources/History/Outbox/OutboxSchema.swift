/// The outbox table, added to every history file the writer opens (older files gain it on open).
enum OutboxSchema {
    static let creation = """
        CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, receiver TEXT NOT NULL,
            group_key TEXT NOT NULL, payload BLOB NOT NULL, created_ms INTEGER NOT NULL, attempts INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL, last_error TEXT);
        CREATE INDEX IF NOT EXISTS outbox_by_receiver ON outbox (receiver, id);
        """
}
