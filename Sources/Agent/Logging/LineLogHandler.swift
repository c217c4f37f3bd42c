import Foundation
public import Logging
import TimeSeries

/// A swift-log handler that writes one logfmt or JSON line per message to standard error.
///
/// Values are written as given: callers pass URLs already stripped of credentials and never pass
/// secrets, so nothing here has to guess what to hide.
public struct LineLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    let format: LogFormat
    let write: @Sendable (String) -> Void

    public init(label: String, format: LogFormat, level: Logger.Level = .info, write: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.write = write ?? { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [
            ("ts", Self.timestamp()), ("level", event.level.rawValue), ("msg", event.message.description),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for key in merged.keys.sorted() { fields.append((key, merged[key]!.description)) }
        write(format == .json ? Self.json(fields) : Self.logfmt(fields))
    }

    static func logfmt(_ fields: [(String, String)]) -> String {
        fields.map { key, value in
            let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\n" }
            guard needsQuotes else { return "\(key)=\(value)" }
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(escaped)\""
        }.joined(separator: " ") + "\n"
    }

    static func json(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(JSONString.quote($0.0)):\(JSONString.quote($0.1))" }.joined(separator: ",") + "}\n"
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
