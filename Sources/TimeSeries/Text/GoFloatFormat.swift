/// Go's `strconv.FormatFloat(v, 'f' or 'e', -1, 64)`: the shortest digits that read back as
/// the same float, laid out as Go lays them out; `NaN`, `+Inf`, `-Inf`.
public enum GoFloatFormat {
    /// `'f'`: plain decimal, `0.00001`, `1000000000000000000000`.
    public static func fixed(_ value: Double) -> String {
        guard let (negative, digits, point) = shortestDigits(value) else { return special(value) }
        let sign = negative ? "-" : ""
        if digits == "0" { return sign + "0" }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// `'e'`: one digit before the point and a signed exponent of at least two digits, `1e+21`.
    public static func exponent(_ value: Double) -> String {
        guard let (negative, digits, point) = shortestDigits(value) else { return special(value) }
        let sign = negative ? "-" : ""
        let exponent = digits == "0" ? 0 : point - 1
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let magnitude = String(Swift.abs(exponent))
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    private static func special(_ value: Double) -> String {
        value.isNaN ? "NaN" : value < 0 ? "-Inf" : "+Inf"
    }

    /// Sign, significant digits without leading or trailing zeros, and where the decimal point
    /// goes (digits × 10^(point − count)); nil for NaN and infinities. Swift's `description` is
    /// already the shortest round-tripping form; only its layout differs from Go's.
    public static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, point: Int)? {
        guard value.isFinite else { return nil }
        var text = Substring(value.description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: marker)...]) ?? 0
            text = text[..<marker]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Substring(parts[0] + (parts.count > 1 ? parts[1] : ""))
        var point = parts[0].count + exponent
        while digits.count > 1, digits.first == "0" {
            digits = digits.dropFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == "0" { digits = digits.dropLast() }
        return (negative, String(digits), point)
    }
}
