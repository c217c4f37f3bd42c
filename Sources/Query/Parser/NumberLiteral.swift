/// Number syntax as Prometheus reads it: Go's integer syntax first (`0x1F` is 31, and a leading
/// zero means octal, so `010` is 8), then Go's float syntax; `Inf` and `NaN` in any case.
enum NumberLiteral {
    static func value(of text: String) -> Double? {
        switch text.lowercased() {
        case "inf": return .infinity
        case "nan": return .nan
        default: break
        }
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            return Int64(text.dropFirst(2), radix: 16).map(Double.init)
        }
        if text.count > 1, text.hasPrefix("0"), let octal = Int64(text.dropFirst(), radix: 8) {
            return Double(octal)
        }
        if let integer = Int64(text) { return Double(integer) }
        return Double(text)
    }
}
