import Foundation
import TimeSeries

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
        guard let (_, digits, point) = GoFloatFormat.shortestDigits(value), digits != "0" else { return GoFloatFormat.fixed(value) }
        let exponent = point - 1
        return exponent < -4 || exponent >= 6 ? GoFloatFormat.exponent(value) : GoFloatFormat.fixed(value)
    }
}
