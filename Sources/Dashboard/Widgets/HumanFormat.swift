/// Numbers as people read them on a dashboard: `48,210`, `1.2k/s`, `3.4 GiB`, `12ms`, `2m10s`.
public enum HumanFormat {
    /// A whole number with thousands separators: `48,210`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        grouped.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A short number with an SI suffix: `950`, `1.2k`, `48k`, `1.3M`; one decimal below 10 of a unit.
    public static func compact(_ value: Double) -> String {
        if value.isNaN { return "-" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let sign = value < 0 ? "-" : ""
        var scaled = value.magnitude
        var unit = 0
        while scaled >= 999.5, unit < suffixes.count - 1 {
            scaled /= 1000
            unit += 1
        }
        if scaled >= 999.5 { return sign + scientific(scaled, exponent: 3 * unit) }
        if unit == 0, scaled == scaled.rounded() { return sign + String(Int(scaled)) }
        return sign + oneDecimalBelowTen(scaled) + suffixes[unit]
    }

    /// A signed rate: `+1.2k/s`, `-300/s`, `0/s`; with `grouped`, the whole number: `+1,200/s`.
    public static func rate(_ perSecond: Double, grouped: Bool = false) -> String {
        if perSecond.isNaN { return "-" }
        let rounded = perSecond.magnitude < 10 ? perSecond : perSecond.rounded()
        let sign = rounded > 0 ? "+" : ""
        if grouped, rounded.magnitude >= 10, rounded.magnitude < 1e15 { return sign + count(Int(rounded)) + "/s" }
        return sign + compact(rounded) + "/s"
    }

    /// Bytes in binary units: `512 B`, `3.4 GiB`, `48 MiB`.
    public static func bytes(_ value: Double) -> String {
        if value.isNaN { return "-" }
        var scaled = value.magnitude
        var unit = 0
        while scaled >= 1023.5, unit < byteUnits.count - 1 {
            scaled /= 1024
            unit += 1
        }
        let sign = value < 0 ? "-" : ""
        if unit == 0 { return sign + "\(Int(scaled.rounded())) B" }
        return sign + oneDecimalBelowTen(scaled) + " " + byteUnits[unit]
    }

    /// Milliseconds: `0.4ms`, `12ms`, `1.2s`, then minutes as `duration` writes them.
    public static func milliseconds(_ value: Double) -> String {
        if value.isNaN || value < 0 { return "-" }
        if value < 1 { return oneDecimalBelowTen(value) + "ms" }
        if value < 999.5 { return "\(Int(value.rounded()))ms" }
        if value < 59_950 { return oneDecimalBelowTen(value / 1000) + "s" }
        return duration(seconds: value / 1000)
    }

    /// An age or span in its two largest units: `45s`, `2m10s`, `2m`, `1h5m`, `3d4h`.
    public static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        let total = Int(seconds.rounded(.down))
        let parts: [(Int, String)] = [(total / 86_400, "d"), (total % 86_400 / 3600, "h"), (total % 3600 / 60, "m"), (total % 60, "s")]
        guard let first = parts.firstIndex(where: { $0.0 > 0 }) else { return "0s" }
        var text = "\(parts[first].0)\(parts[first].1)"
        if first + 1 < parts.count, parts[first + 1].0 > 0 { text += "\(parts[first + 1].0)\(parts[first + 1].1)" }
        return text
    }

    /// A 0…1 ratio as a whole percentage: `73%`.
    public static func percent(_ ratio: Double) -> String {
        guard ratio.isFinite else { return "-" }
        return "\(Int((ratio * 100).rounded()))%"
    }

    private static let suffixes = ["", "k", "M", "G", "T", "P", "E"]
    private static let byteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// `3.4`, `48`, `999`: one decimal below 10 (dropped when it is .0), none above.
    private static func oneDecimalBelowTen(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        if tenths >= 100 { return String(Int(value.rounded())) }
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(tenths % 10)"
    }

    /// `1.2e21` for numbers past the largest suffix.
    private static func scientific(_ scaled: Double, exponent base: Int) -> String {
        var mantissa = scaled
        var exponent = base
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        return oneDecimalBelowTen(mantissa) + "e\(exponent)"
    }
}
