internal import CSQLite

/// Why the history store failed, naming the file and what to do about it.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file is a damaged SQLite database, or a row in it does not decode.
        case corrupt
        /// The file is not a backlog history: a text file, or a SQLite database of another program.
        case foreign
        /// A backlog history of a schema version this build does not read.
        case unsupportedVersion(found: Int64, supported: Int64)
        /// Another process holds the writer lock; its pid when the lock file names one.
        case locked(pid: Int32?)
        /// The disk (or the configured size limit) is full.
        case diskFull
        /// The file or its directory cannot be written.
        case readOnly
        /// A reader was pointed at a file that does not exist.
        case notFound
        /// The database stayed busy past the timeout.
        case busy
        /// The store was closed before this call.
        case closed
        /// Another I/O or SQLite failure, with SQLite's extended result code when there is one.
        case other(code: Int32)
    }

    public var kind: Kind
    /// The history file.
    public var path: String
    /// What went wrong underneath, such as SQLite's own message.
    public var detail: String
    /// Samples of the failed call that were not stored (the in-memory state is as before the call).
    public var samplesNotStored: Int

    public init(kind: Kind, path: String, detail: String, samplesNotStored: Int = 0) {
        self.kind = kind
        self.path = path
        self.detail = detail
        self.samplesNotStored = samplesNotStored
    }

    public var description: String {
        let underneath = detail.isEmpty ? "" : " (\(detail))"
        switch kind {
        case .corrupt:
            return "\(path) is corrupt\(underneath); move it aside to start a new history, or restore it from a backup"
        case .foreign:
            return "\(path) is not a backlog history file\(underneath); point history.path at another file"
        case .unsupportedVersion(let found, let supported):
            return "\(path) has history schema version \(found), this backlog reads version \(supported); "
                + "use a matching backlog release or point history.path at another file"
        case .locked(let pid):
            let owner = pid.map { " (pid \($0))" } ?? ""
            return "another backlog agent is writing \(path)\(owner); stop it or give this one another history.path"
        case .diskFull:
            return "disk full while writing \(path)\(underneath); free space or lower retention"
        case .readOnly:
            return "cannot write \(path)\(underneath): the location is read-only; choose a writable history.path"
        case .notFound:
            return "\(path) does not exist; start `backlog agent` to record history there, or pass another file"
        case .busy:
            return "\(path) stayed locked by another process\(underneath); try again"
        case .closed:
            return "\(path) was closed; open the history again"
        case .other(let code):
            return "history \(path) failed\(underneath) [SQLite \(code)]; check the disk and file permissions"
        }
    }
}

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
