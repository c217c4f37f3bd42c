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
        guard tracksFamilies else { return }
        do {
            switch entry {
            case .help(let name, let text):
                familyTable.setHelp(text, of: try declare(.help, name: name, at: nameStart, cursor: cursor))
            case .type(let name, let type):
                familyTable.setType(type, of: try declare(.type, name: name, at: nameStart, cursor: cursor))
            case .unit(let name, let unit):
                familyTable.setUnit(unit, of: try declare(.unit, name: name, at: nameStart, cursor: cursor))
            case .sample, .endOfFile:
                break
            }
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
