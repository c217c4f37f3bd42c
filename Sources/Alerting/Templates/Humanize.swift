import TimeSeries

/// Prometheus's template functions for people: `humanize`, `humanize1024`, `humanizeDuration`,
/// `humanizePercentage` and `humanizeTimestamp`, formatting exactly as Prometheus does
/// (four significant digits, Go's `%.4g`).
enum Humanize {
    /// SI prefixes: `1234567` → `1.235M`, `0.0012` → `1.2m`.
    static func metric(_ value: Double) -> String {
        var value = value
        if value == 0 || !value.isFinite { return g4(value) }
        if abs(value) >= 1 {
            var prefix = ""
            for candidate in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
                if abs(value) < 1000 { break }
                prefix = candidate
                value /= 1000
            }
            return g4(value) + prefix
        }
        var prefix = ""
        for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if abs(value) >= 1 { break }
            prefix = candidate
            value *= 1000
        }
        return g4(value) + prefix
    }

    /// Binary prefixes: `1048576` → `1Mi`.
    static func binary(_ value: Double) -> String {
        var value = value
        if abs(value) <= 1 || !value.isFinite { return g4(value) }
        var prefix = ""
        for candidate in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
            if abs(value) < 1024 { break }
            prefix = candidate
            value /= 1024
        }
        return g4(value) + prefix
    }

    /// Seconds as days, hours, minutes and seconds: `135` → `2m 15s`, `0.25` → `250ms`.
    static func duration(_ value: Double) -> String {
        var value = value
        if !value.isFinite { return g4(value) }
        if value == 0 { return g4(value) + "s" }
        if abs(value) >= 1 {
            let sign = value < 0 ? "-" : ""
            value = abs(value)
            // Go's int64() of a float too large for it gives the smallest int64 on amd64.
            let whole = value < 0x1p63 ? Int64(value) : Int64.min
            let seconds = whole % 60
            let minutes = whole / 60 % 60
            let hours = whole / 3600 % 24
            let days = whole / 86_400
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return "\(sign)\(g4(value))s"
        }
        var prefix = ""
        for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if abs(value) >= 1 { break }
            prefix = candidate
            value *= 1000
        }
        return "\(g4(value))\(prefix)s"
    }

    /// A ratio as a percentage: `0.1234` → `12.34%`.
    static func percentage(_ value: Double) -> String { g4(value * 100) + "%" }

    /// Unix seconds as Go prints a UTC `time.Time`: `1970-01-01 00:00:01.5 +0000 UTC`.
    static func timestamp(_ value: Double) -> String? {
        if !value.isFinite { return g4(value) }
        let nanoseconds = value * 1e9
        guard nanoseconds < 9.2e18, nanoseconds > -9.2e18 else { return nil }
        // Prometheus goes through model.Time, which keeps whole milliseconds.
        let total = Int64(nanoseconds) / 1_000_000 * 1_000_000
        var seconds = total / 1_000_000_000
        var fraction = total % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        var text = "\(date.year)-\(two(Int64(date.month)))-\(two(Int64(date.day))) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.last == "0" { digits.removeLast() }
            text += "." + digits
        }
        return text + " +0000 UTC"
    }

    /// Go's `%.4g`.
    static func g4(_ value: Double) -> String { GoFloatText.format(value, verb: "g", precision: 4) }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
