#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
