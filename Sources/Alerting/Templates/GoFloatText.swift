import Foundation

/// Floats written as Go's `fmt` writes them, so rendered annotations read exactly as they do
/// from Prometheus: `%v` and `%g` use the shortest digits that read back as the same float,
/// `%e`/`%f` default to six decimals, and infinities are `+Inf`/`-Inf`.
enum GoFloatText {
    /// Go's `%v` of a float64, the form `{{ $value }}` prints: `15000`, `1.5e+06`, `0.25`.
    static func shortest(_ value: Double) -> String { format(value, verb: "g", precision: nil) }

    /// One of Go's float verbs (`e E f F g G v`) without flags or width; `precision` nil means
    /// the verb's default.
    static func format(_ value: Double, verb: Character, precision: Int?) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value < 0 ? "-Inf" : "+Inf" }
        switch verb {
        case "e", "E":
            let text = String(format: "%.*e", precision ?? 6, value)
            return verb == "E" ? text.uppercased() : text
        case "f", "F":
            return String(format: "%.*f", precision ?? 6, value)
        default:
            let upper = verb == "G"
            guard let precision else {
                let text = shortestG(value)
                return upper ? text.uppercased() : text
            }
            // With a precision Go's %g chooses between %e and %f exactly as C's does.
            return String(format: upper ? "%.*G" : "%.*g", max(precision, 1), value)
        }
    }

    /// `strconv.FormatFloat(v, 'g', -1, 64)`: shortest digits, in exponent form when the decimal
    /// exponent is below -4 or at least 6 (`1e+06`, `123456`, `1e-05`).
    private static func shortestG(_ value: Double) -> String {
        let (negative, digits, point) = shortestDigits(value)
        let sign = negative ? "-" : ""
        if digits == "0" { return sign + "0" }
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 { return sign + exponentLayout(digits, exponent) }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<split] + "." + digits[split...]
    }

    private static func exponentLayout(_ digits: String, _ exponent: Int) -> String {
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let magnitude = String(abs(exponent))
        return mantissa + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// Sign, significant digits without leading or trailing zeros, and where the decimal point
    /// goes, counted in digits from the left (it may lie outside them). Swift's `description` is
    /// already the shortest round-tripping form; only its layout differs from Go's.
    static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, point: Int) {
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
