extension NumberSyntax {
    /// A decimal number split into an integer mantissa and a power of ten, checked against the grammar
    /// `digits [. digits] [e [sign] digits]` (or `. digits …`) while it is read.
    struct Decimal {
        var mantissa: UInt64 = 0
        var exponent = 0
        /// Nonzero digits beyond the 19 the mantissa holds were dropped, so it is not exact.
        var isTruncated = false

        init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) {
            var index = start
            var significantDigits = 0
            var sawDigit = false
            while index < bytes.count, ByteClass.isDigit(bytes[index]) {
                sawDigit = true
                if !take(bytes[index], significantDigits: &significantDigits) { exponent += 1 }
                index += 1
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < bytes.count, ByteClass.isDigit(bytes[index]) {
                    sawDigit = true
                    if take(bytes[index], significantDigits: &significantDigits) { exponent -= 1 }
                    index += 1
                }
            }
            guard sawDigit else { return nil }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                guard let written = Self.exponent(bytes, from: &index) else { return nil }
                exponent += written
            }
            guard index == bytes.count else { return nil }
        }

        /// Adds a digit to the mantissa while it has room; false when the digit was dropped.
        private mutating func take(_ byte: UInt8, significantDigits: inout Int) -> Bool {
            let digit = UInt64(byte &- UInt8(ascii: "0"))
            guard significantDigits < 19 else {
                if digit != 0 { isTruncated = true }
                return false
            }
            mantissa = mantissa * 10 + digit
            if mantissa != 0 { significantDigits += 1 }
            return true
        }

        private static func exponent(_ bytes: UnsafeBufferPointer<UInt8>, from index: inout Int) -> Int? {
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                negative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < bytes.count, ByteClass.isDigit(bytes[index]) else { return nil }
            var value = 0
            while index < bytes.count, ByteClass.isDigit(bytes[index]) {
                // Past any double's range the exact size no longer matters, only that it is huge.
                if value < 100_000 { value = value * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
                index += 1
            }
            return negative ? -value : value
        }

        /// The value when one IEEE operation gives it correctly rounded (Clinger's fast path):
        /// a mantissa of at most 53 bits times or divided by an exactly representable power of ten.
        var exactValue: Double? {
            guard !isTruncated else { return nil }
            if mantissa == 0 { return 0 }
            guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
            let power = Self.powersOfTen[abs(exponent)]
            return exponent < 0 ? Double(mantissa) / power : Double(mantissa) * power
        }

        private static let powersOfTen: [Double] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ]
    }
}
