#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the numbers of the exposition formats straight from bytes: sample values,
/// Prometheus millisecond timestamps and OpenMetrics second timestamps.
///
/// Every function checks the whole token against the grammar first and returns nil when it does
/// not fit, so `strtod`'s wider syntax (hex, `nan(…)`, leading spaces) never leaks in.
enum NumberSyntax {
    /// A sample value: a decimal number, or `Inf`/`Infinity` with an optional sign, or unsigned `NaN`,
    /// in any case (as Go's `ParseFloat` and the OpenMetrics grammar both read them).
    static func float(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard case let (negative, start)? = sign(bytes) else { return nil }
        let head = bytes[start]
        if !ByteClass.isDigit(head), head != UInt8(ascii: ".") {
            return named(bytes, from: start, negative: negative, isSigned: start > 0)
        }
        guard let decimal = Decimal(bytes, from: start) else { return nil }
        if let magnitude = decimal.exactValue { return negative ? -magnitude : magnitude }
        return correctlyRounded(bytes)
    }

    /// A Prometheus text timestamp: a signed decimal integer of milliseconds.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard case let (negative, start)? = sign(bytes) else { return nil }
        var value: Int64 = 0
        for byte in bytes[start...] {
            guard ByteClass.isDigit(byte) else { return nil }
            let digit = Int64(byte &- UInt8(ascii: "0"))
            // Accumulating toward the sign keeps Int64.min reachable.
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            value = next
        }
        return value
    }

    /// An OpenMetrics timestamp, a decimal number of seconds, as whole milliseconds.
    /// Up to three decimals are converted exactly; longer forms go through `Double` and are rounded.
    static func milliseconds(fromSeconds bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard case let (negative, start)? = sign(bytes) else { return nil }
        let head = bytes[start]
        guard ByteClass.isDigit(head) || head == UInt8(ascii: ".") else { return nil }
        if let exact = exactMilliseconds(bytes, from: start) { return negative ? -exact : exact }
        guard let seconds = float(bytes) else { return nil }
        let milliseconds = (seconds * 1000).rounded()
        guard milliseconds.isFinite, abs(milliseconds) < 9.2e18 else { return nil }
        return Int64(milliseconds)
    }

    /// Whether the token starts with a sign, and where its body starts; nil when there is no body.
    private static func sign(_ bytes: UnsafeBufferPointer<UInt8>) -> (negative: Bool, start: Int)? {
        guard let first = bytes.first else { return nil }
        let signed = first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        let start = signed ? 1 : 0
        guard start < bytes.count else { return nil }
        return (first == UInt8(ascii: "-"), start)
    }

    private static func named(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, negative: Bool, isSigned: Bool
    ) -> Double? {
        let word = UnsafeBufferPointer(rebasing: bytes[start...])
        if equalsIgnoringCase(word, "inf") || equalsIgnoringCase(word, "infinity") {
            return negative ? -.infinity : .infinity
        }
        if equalsIgnoringCase(word, "nan"), !isSigned { return .nan }
        return nil
    }

    /// Compares with a lower-case ASCII word; OR-ing 0x20 lower-cases letters and maps no other byte onto one.
    private static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { word in
            zip(bytes, word).allSatisfy { $0 | 0x20 == $1 }
        }
    }

    private static func exactMilliseconds(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int64? {
        var whole: Int64 = 0
        var index = start
        var digits = 0
        while index < bytes.count, ByteClass.isDigit(bytes[index]) {
            // 15 digits of seconds still fit in Int64 once multiplied by 1000.
            guard digits < 15 else { return nil }
            whole = whole * 10 + Int64(bytes[index] &- UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        var fraction: Int64 = 0
        var scale: Int64 = 1000
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, ByteClass.isDigit(bytes[index]) {
                guard scale > 1 else { return nil }
                scale /= 10
                fraction += Int64(bytes[index] &- UInt8(ascii: "0")) * scale
                digits += 1
                index += 1
            }
        }
        guard index == bytes.count, digits > 0 else { return nil }
        return whole * 1000 + fraction
    }

    /// `strtod`, for the rare values the exact fast path cannot take. It reads the C locale's
    /// decimal point on purpose, whatever locale the process set.
    private static func correctlyRounded(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { text in
            guard let base = text.baseAddress else { return nil }
            for (index, byte) in bytes.enumerated() { text[index] = CChar(bitPattern: byte) }
            text[bytes.count] = 0
            let previous = uselocale(cLocale)
            defer { uselocale(previous) }
            return strtod(base, nil)
        }
    }

    // `locale_t` is a C pointer Swift cannot see as Sendable; it is made once and only ever read.
    nonisolated(unsafe) private static let cLocale = newlocale(LC_NUMERIC_MASK, "C", nil)
}

extension NumberSyntax {
    /// A decimal number split into an integer mantissa and a power of ten, checked against the grammar
    /// `digits [. digits] [e [sign] digits]` (or `. digits …`) while it is read.
    private struct Decimal {
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
