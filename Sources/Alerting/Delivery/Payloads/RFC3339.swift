import Foundation
public import TimeSeries

/// Times as Alertmanager writes them in JSON: RFC 3339 in UTC with milliseconds.
public enum RFC3339 {
    /// Go's zero time, which Alertmanager writes as `endsAt` of an alert that has not ended.
    public static let zero = "0001-01-01T00:00:00Z"

    /// `2024-05-01T12:00:00.250Z`.
    public static func format(_ time: Timestamp) -> String {
        var seconds = time_t(time.milliseconds.quotientAndRemainder(dividingBy: 1000).quotient)
        var millis = Int(time.milliseconds % 1000)
        if millis < 0 {
            millis += 1000
            seconds -= 1
        }
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }
}
