extension ByteCursor {
    /// Consumes the separator between two tokens: exactly one space in strict OpenMetrics, any run
    /// of blanks otherwise. False when there was none.
    mutating func skipSeparator(_ dialect: ExpositionDialect) -> Bool {
        dialect.isStrict ? skip(UInt8(ascii: " ")) : skipBlanks()
    }

    /// Consumes blanks where the grammar has no separator but Prometheus tolerates them
    /// (around `{`, `=`, `,`, `}` and at the ends of a line); strict OpenMetrics allows none.
    mutating func skipPadding(_ dialect: ExpositionDialect) {
        if !dialect.isStrict { skipBlanks() }
    }
}
