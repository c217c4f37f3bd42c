extension Lexer {
    private static let decimalDigits = "0123456789"
    private static let hexDigits = "0123456789abcdefABCDEF"

    /// A number (`1`, `0x1F`, `.5`, `1e3`) or a duration (`5m`, `1h30m`); which one is decided by
    /// what follows the digits, as in Prometheus.
    mutating func lexNumberOrDuration() -> Bool {
        if scanNumber() {
            emit(.number)
            return true
        }
        if acceptRemainingDuration() {
            emit(.duration)
            return true
        }
        let text = String(decoding: bytes[tokenStart..<position], as: UTF8.self)
        return fail("bad number or duration syntax: " + GoQuote.string(text))
    }

    /// Reads the longest number prefix; true when no letter or digit follows it.
    private mutating func scanNumber() -> Bool {
        var digits = Lexer.decimalDigits
        if accept("0"), accept("xX") { digits = Lexer.hexDigits }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if accept("eE") {
            _ = accept("+-")
            acceptRun(Lexer.decimalDigits)
        }
        guard let next = peek() else { return true }
        return !Lexer.isAlphaNumeric(next)
    }

    /// After the digits of a duration: units, more digit-unit pairs, then no letter or digit.
    /// Invalid unit orders such as `1s1h` pass here and fail when the duration is parsed.
    private mutating func acceptRemainingDuration() -> Bool {
        guard accept("smhdwy") else { return false }
        _ = accept("s")
        while accept(Lexer.decimalDigits) {
            acceptRun(Lexer.decimalDigits)
            guard accept("smhdw") else { return false }
            _ = accept("s")
        }
        if let next = peek(), Lexer.isAlphaNumeric(next) {
            position += 1
            return false
        }
        return true
    }
}
