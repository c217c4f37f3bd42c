import Foundation
import TimeSeries

/// Parses the times users type: RFC 3339 (`2026-11-29T05:00:00Z`), unix seconds (`1764392400`,
/// `1764392400.5`), or relative to now (`now`, `now-1h`, `now-30m`, `-1h`).
enum TimeArgument {
    static func parse(_ text: String, now: Timestamp) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "now" { return now }
        for prefix in ["now-", "-"] where trimmed.hasPrefix(prefix) {
            guard let ago = PromDuration(parsing: String(trimmed.dropFirst(prefix.count))) else { return nil }
            return now - ago
        }
        if trimmed.hasPrefix("now+"), let ahead = PromDuration(parsing: String(trimmed.dropFirst(4))) {
            return now + ahead
        }
        if let seconds = Double(trimmed), seconds.isFinite { return Timestamp(seconds: seconds) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: trimmed) { return Timestamp(seconds: date.timeIntervalSince1970) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: trimmed) { return Timestamp(seconds: date.timeIntervalSince1970) }
        return nil
    }

    /// The error for a time that did not parse, saying what is accepted.
    static func failure(_ option: String, _ text: String) -> CommandFailure {
        CommandFailure(
            "\(option) \"\(text)\" is not a time — use RFC 3339 (2026-11-29T05:00:00Z), unix seconds, or now-1h")
    }

    /// RFC 3339 in UTC, for tables and CSV.
    static func format(_ time: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = time.milliseconds % 1000 == 0 ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: time.seconds))
    }
}
