#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// Looks at a history file before SQLite does, so a text file is reported as foreign, not corrupt.
enum StoreFile {
    enum State: Equatable {
        case absent
        case empty
        case sqlite
        /// Exists but does not start with SQLite's header.
        case other
    }

    private static let header = Array("SQLite format 3\u{0}".utf8)

    static func state(of path: String) -> State {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .absent : .sqlite }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: header.count)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, header.count) }
        if count == 0 { return .empty }
        return count == header.count && bytes == header ? .sqlite : .other
    }

    /// The database file plus its write-ahead log, in bytes.
    static func size(of path: String) -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            var info = stat()
            return stat(file, &info) == 0 ? total + Int64(info.st_size) : total
        }
    }

    /// The foreign-file error for a file that is not SQLite at all.
    static func notSQLite(_ path: String) -> HistoryError {
        HistoryError(kind: .foreign, path: path, detail: "not a SQLite database (a text file or another format)")
    }
}
