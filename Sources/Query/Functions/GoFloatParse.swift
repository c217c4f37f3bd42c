/// Go's `strconv.ParseFloat` for label values such as `le`: decimal and exponent forms, and
/// `Inf`, `+Inf`, `-Inf`, `Infinity` and `NaN` in any case.
enum GoFloatParse {
    static func value(_ text: String) -> Double? {
        if let exact = DecimalText.value(text.utf8) { return exact }
        var body = Substring(text)
        var sign = 1.0
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default: return Double(text)
        }
    }
}
