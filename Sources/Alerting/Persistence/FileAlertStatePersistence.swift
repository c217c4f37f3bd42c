import Foundation
import Synchronization

/// Alert state in a JSON file, replaced atomically (written to a temporary file, flushed, then
/// renamed over the old one) so a crash mid-write leaves the previous state intact. A save
/// whose content equals the last one written is skipped.
public final class FileAlertStatePersistence: AlertStatePersistence {
    public let path: String
    /// The last content written, without its time, to skip saves that change nothing.
    private let lastWritten = Mutex<AlertStateSnapshot?>(nil)

    public init(path: String) { self.path = path }

    public func load() throws(AlertStateError) -> AlertStateSnapshot? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AlertStateError(path: path, message: "cannot read the alert state file (permissions?)")
        }
        do {
            let snapshot = try FileAlertStatePersistence.decoder.decode(AlertStateSnapshot.self, from: data)
            lastWritten.withLock { $0 = FileAlertStatePersistence.timeless(snapshot) }
            return snapshot
        } catch {
            throw AlertStateError(path: path, message: "alert state file is corrupt, ignoring it: \(FileAlertStatePersistence.reason(error))")
        }
    }

    public func save(_ snapshot: AlertStateSnapshot) throws(AlertStateError) {
        let content = FileAlertStatePersistence.timeless(snapshot)
        if lastWritten.withLock({ $0 == content }) { return }
        let data: Data
        do {
            data = try FileAlertStatePersistence.encoder.encode(snapshot)
        } catch {
            throw AlertStateError(path: path, message: "cannot encode alert state: \(error)")
        }
        let temporary = "\(path).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw AlertStateError(path: path, message: "cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AlertStateError(path: path, message: "cannot save alert state: \(reason)")
        }
        lastWritten.withLock { $0 = content }
    }

    private static func timeless(_ snapshot: AlertStateSnapshot) -> AlertStateSnapshot {
        AlertStateSnapshot(savedAt: 0, rules: snapshot.rules)
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        if case DecodingError.keyNotFound(let key, _) = error { return "missing \"\(key.stringValue)\"" }
        if case DecodingError.typeMismatch(_, let context) = error {
            return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        }
        return "\(error)"
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Inf", negativeInfinity: "-Inf", nan: "NaN")
        return decoder
    }
}
