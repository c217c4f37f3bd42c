/// Plain decimals (`42`, `-7`, `1764000000.123`) read straight from their digits: how APIs write
/// queue lengths and timestamps, tens of thousands to a response, without the general parser.
enum DecimalText {
    /// The value of up to 15 digits with an optional minus sign and decimal point; nil for any
    /// other form (exponents, `Inf`, longer numbers), which the general parser takes.
    ///
    /// Exact: below 2^53 the digits are an exact integer, and dividing it by an exact power of ten
    /// rounds once, to the nearest double, as a correct general parser does.
    static func value(_ text: some Collection<UInt8>) -> Double? {
        var digits: Int64 = 0
        var count = 0
        var fraction = -1
        var negative = false
        var index = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits = digits * 10 + Int64(byte - UInt8(ascii: "0"))
                count += 1
                if fraction >= 0 { fraction += 1 }
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: ".") where fraction < 0 && count > 0:
                fraction = 0
            default:
                return nil
            }
            index += 1
            if count > 15 { return nil }
        }
        guard count > 0, fraction != 0 else { return nil }
        var value = Double(digits)
        if fraction > 0 { value /= powersOfTen[fraction] }
        // -0 stays -0, as the general parser reads "-0".
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).map { power in
        (0..<power).reduce(1.0) { total, _ in total * 10 }
    }
}
