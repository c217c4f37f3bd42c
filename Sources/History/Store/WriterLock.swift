#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The single-writer lock: an exclusive `flock` on `<file>.lock`, which holds the owner's pid.
///
/// The kernel drops the lock when its holder dies, even by `kill -9`, so a crash leaves no stale lock.
final class WriterLock {
    let path: String
    private var descriptor: Int32

    init(databasePath: String) throws(HistoryError) {
        path = databasePath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            let detail = "cannot create \(path): \(String(cString: strerror(code)))"
            let kind: HistoryError.Kind = [EACCES, EROFS, EPERM].contains(code) ? .readOnly : .other(code: 0)
            throw HistoryError(kind: kind, path: databasePath, detail: detail)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let owner = Self.recordedPID(descriptor)
            close(descriptor)
            throw HistoryError(kind: .locked(pid: owner), path: databasePath, detail: "")
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, text.count, 0) }
    }

    deinit { release() }

    func release() {
        guard descriptor >= 0 else { return }
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func recordedPID(_ descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 32, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: bytes[0..<count], as: UTF8.self)
        return Int32(String(text.prefix { $0.isNumber }))
    }
}
