/// The remote-write side's tables, present only while remote write is configured
/// (`HistoryOptions.remoteWriteLog`); a file opened without it loses them, so an unread log never
/// grows in a file nobody sends from.
///
/// - `remote_write_log(seq, committed_at, count, payload)`: one row per append that committed
///   samples, written in that append's transaction, so the log is the history in commit order
///   (scraped samples, samples the exporter timestamped itself, rule results). `payload` is
///   `RemoteLogCodec`: series ids and samples, delta- and varint-coded. `seq` comes from
///   AUTOINCREMENT, so it is never reused even after every row was deleted.
/// - `remote_write_position(endpoint, seq, sample_index, dropped)`: per endpoint, the next sample
///   to send (row `seq`, its `sample_index`-th sample), and the samples retention took from it
///   before it sent them.
enum RemoteLogSchema {
    static let creation = """
        CREATE TABLE IF NOT EXISTS remote_write_log (seq INTEGER PRIMARY KEY AUTOINCREMENT,
            committed_at INTEGER NOT NULL, count INTEGER NOT NULL, payload BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS remote_write_log_by_time ON remote_write_log (committed_at);
        CREATE TABLE IF NOT EXISTS remote_write_position (endpoint TEXT PRIMARY KEY, seq INTEGER NOT NULL,
            sample_index INTEGER NOT NULL DEFAULT 0, dropped INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        """

    static let removal = """
        DROP TABLE IF EXISTS remote_write_log;
        DROP TABLE IF EXISTS remote_write_position;
        """

    /// Creates the tables when the log is kept, drops them when it is not.
    static func apply(on connection: SQLiteConnection, enabled: Bool) throws(SQLiteError) {
        try connection.execute(enabled ? creation : removal)
    }
}
