import TimeSeries

/// The parser's side of a scrape cache: a caller that recognises a sample's series text from an
/// earlier clean parse skips reading its labels and has only the rest of the line read.
extension ExpositionParser {
    /// The next line with content, the cursor on its first byte; nil at the end of the exposition
    /// (after `# EOF` in OpenMetrics), which may be an error.
    mutating func nextContentLine(in buffer: UnsafeBufferPointer<UInt8>) throws(ExpositionParseError) -> ByteCursor? {
        guard !isFinished else { return nil }
        do {
            if let cursor = try nextNonBlankLine(in: buffer) { return cursor }
            _ = try endOfInput(buffer)
            return nil
        } catch {
            isFinished = true
            throw error
        }
    }

    /// Reads a `#` line as `next()` does: its entry, or nil for a comment.
    mutating func parseMetadataLine(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry? {
        do {
            return try parseHashLine(&cursor)
        } catch {
            isFinished = true
            throw error
        }
    }

    /// Applies a metadata line that is byte for byte one that parsed cleanly before, in this
    /// dialect, as `entry`; its metric name starts at `nameStart`. The line itself needs no
    /// reading again, but where it stands still has to fit the family rules.
    mutating func applyKnownMetadata(_ entry: ExpositionEntry, nameStart: Int, cursor: ByteCursor) throws(ExpositionParseError) {
        do {
            try recordMetadata(entry, nameStart: nameStart, cursor: cursor)
        } catch {
            isFinished = true
            throw error
        }
    }

    /// Reads a sample line in full, as `next()` does.
    mutating func parseNewSample(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> Sample {
        do {
            guard case .sample(let sample, _) = try parseSample(&cursor) else { preconditionFailure("a sample line yields a sample") }
            return sample
        } catch {
            isFinished = true
            throw error
        }
    }

    /// Reads a sample line whose series text (its name ending at `nameEnd`, the text at `textEnd`)
    /// is byte for byte one that parsed cleanly before, in this dialect, as `labels` with hash
    /// `setHash`. Same bytes read the same way, so the text is valid and its labels are known;
    /// only the value, timestamp and exemplar are read, and the family rules still apply.
    mutating func parseKnownSample(
        _ cursor: inout ByteCursor, nameEnd: Int, textEnd: Int, labels: @autoclosure () -> Labels, setHash: UInt64
    ) throws(ExpositionParseError) -> (value: Double, timestamp: Timestamp?) {
        let nameStart = cursor.offset
        var nameID: Int32?
        if tracksFamilies {
            if names.end(ofRepeated: lastSampleNameID, in: cursor.buffer, at: nameStart, limit: cursor.end, continues: ByteClass.isMetricName) == nameEnd {
                nameID = lastSampleNameID
            } else {
                nameID = names.intern(cursor.bytes(nameStart..<nameEnd))
                lastSampleNameID = nameID ?? -1
            }
        }
        cursor.offset = textEnd
        lastSeriesNameEnd = nameEnd
        lastSeriesTextEnd = textEnd
        do {
            let (value, timestamp, _) = try parseSampleRest(
                &cursor, nameID: nameID, name: nameStart..<nameEnd, labels: labels(), setHash: setHash)
            return (value, timestamp)
        } catch {
            isFinished = true
            throw error
        }
    }
}

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
