internal import CSQLite

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
