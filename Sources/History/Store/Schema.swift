/// The tables of a history file and the checks that an existing file is one.
enum Schema {
    /// `PRAGMA application_id`: "BLKH", so another program's SQLite file is recognized as foreign.
    static let applicationID: Int64 = 0x424C_4B48
    /// `PRAGMA user_version`: bumped whenever the layout below changes incompatibly.
    static let version: Int64 = 1
    /// No chunk spans more than this, so readers find the chunks overlapping a range by `max_t` alone.
    static let maxChunkSpan: Int64 = 2 * 3_600_000

    /// Run on an empty database; `auto_vacuum` must precede the first table to take effect.
    static let creation = """
        PRAGMA auto_vacuum = INCREMENTAL;
        PRAGMA journal_mode = WAL;
        BEGIN;
        CREATE TABLE series (id INTEGER PRIMARY KEY AUTOINCREMENT, labels BLOB NOT NULL);
        CREATE TABLE label_pairs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, value TEXT NOT NULL, UNIQUE (name, value));
        CREATE TABLE postings (pair_id INTEGER NOT NULL, series_id INTEGER NOT NULL,
            PRIMARY KEY (pair_id, series_id)) WITHOUT ROWID;
        CREATE TABLE chunks (id INTEGER PRIMARY KEY, series_id INTEGER NOT NULL, min_t INTEGER NOT NULL,
            max_t INTEGER NOT NULL, count INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE INDEX chunks_by_series_end ON chunks (series_id, max_t);
        CREATE TABLE tail (cycle INTEGER PRIMARY KEY, min_t INTEGER NOT NULL, max_t INTEGER NOT NULL,
            count INTEGER NOT NULL, data BLOB NOT NULL);
        CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO counters (name, value) VALUES ('chunk_count', 0), ('chunk_samples', 0), ('head_samples', 0),
            ('out_of_order', 0), ('duplicates', 0);
        PRAGMA application_id = \(applicationID);
        PRAGMA user_version = \(version);
        COMMIT;
        """

    /// What an opened database turned out to be.
    enum Contents {
        case empty
        case history
    }

    /// Classifies an open database; throws for a foreign file or another schema version.
    static func inspect(_ connection: SQLiteConnection) throws(HistoryError) -> Contents {
        let tables: Int64
        let application: Int64
        let found: Int64
        do throws(SQLiteError) {
            tables = try connection.scalar("SELECT count(*) FROM sqlite_master") ?? 0
            application = try connection.scalar("PRAGMA application_id") ?? 0
            found = try connection.scalar("PRAGMA user_version") ?? 0
        } catch {
            throw HistoryError(error)
        }
        if tables == 0, application == 0, found == 0 { return .empty }
        guard application == applicationID else {
            let detail = "a SQLite database of another program: application_id \(application), \(tables) schema objects"
            throw HistoryError(kind: .foreign, path: connection.path, detail: detail)
        }
        guard found == version else {
            throw HistoryError(kind: .unsupportedVersion(found: found, supported: version), path: connection.path, detail: "")
        }
        return .history
    }
}
