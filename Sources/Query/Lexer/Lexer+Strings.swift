extension Lexer {
    /// A `"…"` or `'…'` string; the opening quote is read. Escapes are Go's, resolved here.
    mutating func lexQuotedString(closingWith quote: UInt8) -> Bool {
        var value: [UInt8] = []
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            position += 1
            if byte == quote {
                emit(.string, stringValue: String(decoding: value, as: UTF8.self))
                return true
            }
            if byte == UInt8(ascii: "\\") {
                guard lexEscape(in: quote, into: &value) else { return false }
            } else {
                value.append(byte)
            }
        }
        return fail("unterminated quoted string")
    }

    /// A `` `…` `` string: no escapes, may span lines.
    mutating func lexRawString() -> Bool {
        let contentStart = position
        while let byte = peek() {
            position += 1
            if byte == UInt8(ascii: "`") {
                emit(.string, stringValue: String(decoding: bytes[contentStart..<position - 1], as: UTF8.self))
                return true
            }
        }
        return fail("unterminated raw string")
    }

    /// One escape after a backslash. Octal and `\x` escapes are bytes, `\u` and `\U` code points.
    private mutating func lexEscape(in quote: UInt8, into value: inout [UInt8]) -> Bool {
        guard let byte = peek() else { return fail("escape sequence not terminated") }
        position += 1
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
            quote: quote,
        ]
        if let resolved = simple[byte] {
            value.append(resolved)
            return true
        }
        let digitCount: Int
        let base: UInt32
        let maximum: UInt32
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            position -= 1
            (digitCount, base, maximum) = (3, 8, 255)
        case UInt8(ascii: "x"): (digitCount, base, maximum) = (2, 16, 255)
        case UInt8(ascii: "u"): (digitCount, base, maximum) = (4, 16, 0x10FFFF)
        case UInt8(ascii: "U"): (digitCount, base, maximum) = (8, 16, 0x10FFFF)
        default:
            return fail("unknown escape sequence " + GoQuote.codePoint(character(at: position - 1) ?? "\u{FFFD}"))
        }
        var code: UInt32 = 0
        for _ in 0..<digitCount {
            guard let digit = peek() else { return fail("escape sequence not terminated") }
            guard let digitValue = Lexer.digitValue(digit), digitValue < base else {
                return fail(
                    "illegal character " + GoQuote.codePoint(character(at: position) ?? "\u{FFFD}")
                        + " in escape sequence")
            }
            code = code * base + digitValue
            position += 1
        }
        guard code <= maximum, !(0xD800..<0xE000).contains(code) else {
            return fail("escape sequence is an invalid Unicode code point")
        }
        if maximum == 255 {
            value.append(UInt8(code))
        } else if let scalar = Unicode.Scalar(code) {
            value.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        return true
    }

    private static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
