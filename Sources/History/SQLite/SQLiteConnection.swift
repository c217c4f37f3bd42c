internal import CSQLite

/// One open SQLite database: a handle, a cache of prepared statements and typed errors that name the file.
///
/// Not thread safe: the store types that own a connection serialize access to it.
final class SQLiteConnection {
    /// How the file is opened.
    enum Mode {
        case readOnly
        case readWrite
        case readWriteCreate
    }

    let path: String
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]

    init(path: String, mode: Mode) throws(SQLiteError) {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        handle = opened
        guard code == SQLITE_OK else {
            let error = currentError(code)
            sqlite3_close_v2(opened)
            handle = nil
            throw error
        }
        sqlite3_extended_result_codes(opened, 1)
        // Debian builds SQLite to zero every deleted page, so deleting a sent remote-write row or a
        // sealed tail wrote its pages again to the WAL; `FAST` zeroes only pages written anyway.
        if mode != .readOnly { sqlite3_exec(opened, "PRAGMA secure_delete = FAST", nil, nil, nil) }
    }

    deinit { close() }

    /// Finalizes every cached statement and closes the handle; later calls fail with `SQLITE_MISUSE`.
    func close() {
        statements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    var isOpen: Bool { handle != nil }

    /// Whether SQLite opened the main database read-only (a read-only file opened for writing).
    var isReadOnly: Bool { handle.map { sqlite3_db_readonly($0, "main") == 1 } ?? false }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(try open(), sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw currentError(code) }
    }

    /// A prepared statement for `sql`, compiled once per connection and reset for reuse.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v3(try open(), sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard code == SQLITE_OK, let prepared else { throw currentError(code) }
        let statement = SQLiteStatement(handle: prepared, connection: self)
        statements[sql] = statement
        return statement
    }

    /// The first column of the first row of a query, such as a `PRAGMA` value.
    func scalar(_ sql: String) throws(SQLiteError) -> Int64? {
        let query = try statement(sql)
        defer { query.reset() }
        return try query.step() ? query.int64(0) : nil
    }

    /// The first column of the first row as text, such as `PRAGMA integrity_check`.
    func textScalar(_ sql: String) throws(SQLiteError) -> String? {
        let query = try statement(sql)
        defer { query.reset() }
        return try query.step() ? query.text(0) : nil
    }

    /// Rows changed by the last `INSERT`, `UPDATE` or `DELETE`.
    var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// Whether a transaction is open (SQLite rolls some back by itself after an error).
    var inTransaction: Bool { handle.map { sqlite3_get_autocommit($0) == 0 } ?? false }

    func setBusyTimeout(milliseconds: Int32) {
        if let handle { sqlite3_busy_timeout(handle, milliseconds) }
    }

    /// An error for a result code, with SQLite's message when it describes that code.
    func currentError(_ code: Int32) -> SQLiteError {
        var message = String(cString: sqlite3_errstr(code))
        if let handle, sqlite3_extended_errcode(handle) == code || sqlite3_errcode(handle) == code & 0xFF {
            message = String(cString: sqlite3_errmsg(handle))
        }
        return SQLiteError(code: code, message: message, path: path)
    }

    private func open() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw SQLiteError(code: SQLITE_MISUSE, message: "database is closed", path: path) }
        return handle
    }
}

extension SQLiteConnection {
    /// Runs `body` in a write transaction taken at once (`BEGIN IMMEDIATE`), so a busy database fails
    /// here rather than halfway; any error rolls the whole transaction back.
    func writeTransaction<Result>(_ body: () throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        try statement("BEGIN IMMEDIATE").run()
        do {
            let result = try body()
            try statement("COMMIT").run()
            return result
        } catch {
            rollBack()
            throw error
        }
    }

    /// Runs `body` in a read transaction, so every query in it sees one snapshot of the file.
    func readTransaction<Result>(_ body: () throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        try statement("BEGIN").run()
        defer { rollBack() }
        return try body()
    }

    /// Ends an open transaction without keeping its changes; SQLite may already have done so after an error.
    func rollBack() {
        guard inTransaction else { return }
        try? execute("ROLLBACK")
    }
}

/// A failed SQLite call: the extended result code, SQLite's message and the database file.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, such as `SQLITE_IOERR_WRITE`.
    var code: Int32
    var message: String
    var path: String

    init(code: Int32, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }

    /// The primary result code (`SQLITE_FULL`, `SQLITE_CORRUPT`, …) without the extended bits.
    var primary: Int32 { code & 0xFF }

    /// Data inside a row that cannot be decoded is reported as SQLite reports a damaged page.
    static func corrupt(_ path: String, _ message: String) -> SQLiteError {
        SQLiteError(code: SQLITE_CORRUPT, message: message, path: path)
    }

    var description: String { "\(path): \(message) (SQLite code \(code))" }
}
