internal import CSQLite

extension HistoryError {
    /// Classifies a SQLite failure by its result code.
    init(_ error: SQLiteError, samplesNotStored: Int = 0) {
        let kind: Kind
        switch error.primary {
        case SQLITE_CORRUPT: kind = .corrupt
        case SQLITE_NOTADB: kind = .corrupt
        case SQLITE_FULL: kind = .diskFull
        case SQLITE_READONLY: kind = .readOnly
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_MISUSE where error.message == "database is closed": kind = .closed
        default: kind = .other(code: error.code)
        }
        self.init(kind: kind, path: error.path, detail: error.message, samplesNotStored: samplesNotStored)
    }
}
