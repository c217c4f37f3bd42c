import Foundation
import TimeSeries

/// The parameters of an API request: the form body of a POST (`application/x-www-form-urlencoded`,
/// as Grafana sends) and the query string, body values first, as Go's `Request.Form` has them.
struct APIParameters: Sendable {
    private var values: [(name: String, value: String)]

    init(_ request: AgentHTTPServer.Request) {
        values = []
        let type = request.header("Content-Type")?.lowercased() ?? ""
        if request.method == "POST", type.hasPrefix("application/x-www-form-urlencoded") {
            values += Self.decode(String(decoding: request.body, as: UTF8.self))
        }
        values += Self.decode(request.query)
    }

    init(_ pairs: [(String, String)]) { values = pairs.map { (name: $0.0, value: $0.1) } }

    /// `a=1&b=x+y&c=%2F` as pairs, `+` as a space and `%XX` decoded.
    static func decode(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func unescape(_ part: Substring) -> String? {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding
            }
            guard let name = unescape(parts[0]), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? unescape(parts[1]) ?? "" : "")
        }
    }

    /// The first value of a parameter, nil when absent or empty (as Go's `FormValue` reads it).
    subscript(name: String) -> String? {
        guard let value = values.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Every value of a repeated parameter, such as `match[]`.
    func all(_ name: String) -> [String] { values.filter { $0.name == name }.map(\.value) }

    /// A time parameter, `fallback` when absent: unix seconds with a fraction, or RFC 3339.
    func time(_ name: String, default fallback: Timestamp) throws(APIError) -> Timestamp {
        guard let text = self[name] else { return fallback }
        guard let time = Self.parseTime(text) else {
            throw .badData("invalid parameter \"\(name)\": cannot parse \"\(text)\" to a valid timestamp")
        }
        return time
    }

    /// A duration parameter: float seconds or a Prometheus duration (`15s`, `1m`).
    func duration(_ name: String) throws(APIError) -> PromDuration? {
        guard let text = self[name] else { return nil }
        if let seconds = Double(text), seconds.isFinite {
            guard abs(seconds) < 9.2e9 else {
                throw .badData("invalid parameter \"\(name)\": cannot parse \"\(text)\" to a valid duration. It overflows int64")
            }
            return PromDuration(seconds: seconds)
        }
        guard let duration = PromDuration(parsing: text) else {
            throw .badData("invalid parameter \"\(name)\": cannot parse \"\(text)\" to a valid duration")
        }
        return duration
    }

    /// Prometheus's `parseTime`: a float is unix seconds (kept to the millisecond), else RFC 3339.
    static func parseTime(_ text: String) -> Timestamp? {
        if let seconds = Double(text), seconds.isFinite {
            let whole = seconds.rounded(.towardZero)
            let milliseconds = ((seconds - whole) * 1000).rounded()
            return Timestamp(milliseconds: Int64(whole) * 1000 + Int64(milliseconds))
        }
        if text == "0001-01-01T00:00:00Z" || text == "-292273086-05-16T16:47:06Z" { return APIParameters.minimumTime }
        if text == "292277025-08-18T07:12:54.999999999Z" { return APIParameters.maximumTime }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Timestamp(seconds: date.timeIntervalSince1970) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Timestamp(seconds: date.timeIntervalSince1970) }
        // Foundation reads at most milliseconds: cut finer fractions (RFC3339Nano) down to them.
        if let dot = text.firstIndex(of: "."), let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            let fraction = text[text.index(after: dot)..<zone].prefix(3)
            guard !fraction.isEmpty, fraction.allSatisfy(\.isNumber) else { return nil }
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: String(text[..<dot]) + "." + fraction + text[zone...]) {
                return Timestamp(seconds: date.timeIntervalSince1970)
            }
        }
        return nil
    }

    /// The earliest and latest times a series or label request reaches when it names none: wide
    /// enough for any stored sample, narrow enough that no window arithmetic overflows.
    static let minimumTime = Timestamp(milliseconds: -62_135_596_800_000)
    static let maximumTime = Timestamp(milliseconds: 253_402_300_799_000)
}
