/// Finds where a sample's series text, `name` or `name{…}` as written, ends without reading its
/// labels, so a series sent before can be recognised by its bytes alone.
enum SeriesText {
    /// Where the series text that starts at `cursor` ends, or nil when the bytes do not look like
    /// one (the full parser then says what is wrong).
    ///
    /// For valid text this is exactly what `parseSample` consumes before the value: the name, and
    /// when padding and `{` follow, everything up to the first `}` outside a quoted value. Nothing
    /// else is checked, so only a byte-for-byte match with text that parsed cleanly may be trusted;
    /// such text ends where the parser stops reading it, so what follows is read as it would be.
    static func end(at cursor: ByteCursor, dialect: ExpositionDialect) -> Int? {
        guard let first = cursor.current, ByteClass.isMetricNameStart(first) else { return nil }
        if !dialect.isOpenMetrics, let brace = lastBrace(in: cursor) {
            // Prometheus text has no exemplars, so after a valid text's `}` come only the value
            // and timestamp: the line's last `}` closes the labels. Scanning back over those few
            // bytes is cheaper than stepping through every quoted value.
            return brace + 1
        }
        var cursor = cursor
        let nameEnd = cursor.scan(while: ByteClass.isMetricName).upperBound
        cursor.skipPadding(dialect)
        guard cursor.current == UInt8(ascii: "{") else { return nameEnd }
        return closingBrace(in: cursor.buffer, from: cursor.offset + 1, end: cursor.end).map { $0 + 1 }
    }

    /// The index of the line's last `}`, if any.
    private static func lastBrace(in cursor: ByteCursor) -> Int? {
        var index = cursor.end - 1
        while index > cursor.offset {
            if cursor.buffer[index] == UInt8(ascii: "}") { return index }
            index -= 1
        }
        return nil
    }

    /// The index of the first `}` from `start` that is not inside a quoted value.
    private static func closingBrace(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        var index = start
        while index < end {
            switch buffer[index] {
            case UInt8(ascii: "}"):
                return index
            case UInt8(ascii: "\""):
                guard let quote = closingQuote(base, from: index + 1, end: end) else { return nil }
                index = quote + 1
            default:
                index += 1
            }
        }
        return nil
    }

    /// The index of the quote that ends a value starting at `start`, stepping over escapes.
    @inline(__always)
    private static func closingQuote(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int? {
        var index = start
        while true {
            // Most values are plain ASCII, which the word-at-a-time skip passes eight bytes at a time.
            index = ByteComparison.skipPlainQuotedText(base, from: index, end: end)
            guard index < end else { return nil }
            switch base[index] {
            case UInt8(ascii: "\""): return index
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
    }
}
