import TimeSeries

/// The parser's side of a scrape cache: a caller that recognises a sample's series text from an
/// earlier clean parse skips reading its labels and has only the rest of the line read.
extension ExpositionParser {
    /// The next sample line, the cursor on its first byte; the metadata, comment and blank lines
    /// before it are read as `next()` reads them. Nil after the last sample.
    mutating func nextSampleLine(in buffer: UnsafeBufferPointer<UInt8>) throws(ExpositionParseError) -> ByteCursor? {
        guard !isFinished else { return nil }
        do {
            while var cursor = try nextNonBlankLine(in: buffer) {
                guard cursor.current == UInt8(ascii: "#") else { return cursor }
                _ = try parseHashLine(&cursor)
                // `# EOF` ends an OpenMetrics exposition; what follows it is not read.
                if isFinished { return nil }
            }
            _ = try endOfInput(buffer)
            return nil
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
        let nameID: Int32
        if names.end(ofRepeated: lastSampleNameID, in: cursor.buffer, at: nameStart, limit: cursor.end, continues: ByteClass.isMetricName) == nameEnd {
            nameID = lastSampleNameID
        } else {
            nameID = names.intern(cursor.bytes(nameStart..<nameEnd))
            lastSampleNameID = nameID
        }
        cursor.offset = textEnd
        lastSeriesNameEnd = nameEnd
        lastSeriesTextEnd = textEnd
        do {
            let (value, timestamp, _) = try parseSampleRest(&cursor, nameID: nameID, nameStart: nameStart, labels: labels(), setHash: setHash)
            return (value, timestamp)
        } catch {
            isFinished = true
            throw error
        }
    }
}
