import TimeSeries

extension TargetSeriesCache {
    /// What a successful read of one body gave.
    struct Read {
        /// The samples with the target's labels, timestamped; room is left for the synthesized ones.
        var samples: [Sample]
        /// How many series were not met by the previous successful read.
        var seriesAdded: Int
        /// The series the previous successful read met and this one did not.
        var gone: [Labels]
    }

    /// Texts (series or metadata lines) longer than this are always parsed in full: keeping a
    /// copy of a huge label value or help text would cost more memory than reading it saves time.
    static let maxCachedTextBytes = 4096

    /// Parses `bytes` as `ParsedExposition.parse` does and labels every sample with the target's
    /// labels, stamping those without a timestamp with `timestamp`. Throws what `parse` throws,
    /// duplicate series included; the cache then keeps what it learned, but counts nothing as seen.
    mutating func read(
        _ bytes: [UInt8], format: ExpositionFormat, strict: Bool = false, at timestamp: Timestamp
    ) throws(ExpositionParseError) -> Read {
        beginRead(format: format, strict: strict)
        var parser = ExpositionParser(bytes: bytes, format: format, strict: strict, names: names)
        // The parser now holds the only reference, so interning a new name does not copy the table.
        names = .placeholder
        defer { names = parser.names }
        // Only samples come out of here, so families matter only for the strict rules.
        parser.tracksFamilies = false
        parser.familyTable.reserveCapacity(lastFamilyCount)
        var samples: [Sample] = []
        samples.reserveCapacity(lastSampleCount + SynthesizedSeries.count)
        var added = 0
        try bytes.withUnsafeBufferPointer { (buffer) throws(ExpositionParseError) in
            while var cursor = try parser.nextContentLine(in: buffer) {
                if cursor.current == UInt8(ascii: "#") {
                    try readHashLine(&cursor, parser: &parser)
                    continue
                }
                let start = cursor.offset
                let (index, value, sampleTimestamp) = try readSample(&cursor, parser: &parser)
                if meet(index, timestamp: sampleTimestamp, offset: start) { added += 1 }
                samples.append(Sample(labels: series[Int(index)].labelled, value: value, timestamp: sampleTimestamp ?? timestamp))
            }
            if let duplicate = firstDuplicate() {
                let labels = series[Int(duplicate.series)].scraped
                let at = duplicate.timestamp.map { " at timestamp \($0.milliseconds)" } ?? ""
                let cursor = ByteCursor(locating: duplicate.offset, in: buffer)
                throw cursor.error("duplicate series \(MessageText.shortened(labels.description))\(at)")
            }
        }
        let gone = commitRead(sampleCount: samples.count, familyCount: parser.familyTable.families.count)
        return Read(samples: samples, seriesAdded: added, gone: gone)
    }

    /// Reads the sample line at `cursor`: through the cache when its text is known, in full
    /// (teaching the cache its text) when not.
    private mutating func readSample(
        _ cursor: inout ByteCursor, parser: inout ExpositionParser
    ) throws(ExpositionParseError) -> (series: Int32, value: Double, timestamp: Timestamp?) {
        let start = cursor.offset
        guard let end = SeriesText.end(at: cursor, dialect: parser.dialect), end - start <= Self.maxCachedTextBytes else {
            let sample = try parser.parseNewSample(&cursor)
            return (series(for: sample.labels, hash: parser.lastLabelSetHash), sample.value, sample.timestamp)
        }
        let text = cursor.bytes(start..<end)
        let hash = ByteHash.hash(text)
        if let slot = texts.find(text, hash: hash) {
            let index = series(ofText: slot)
            let (value, timestamp) = try parser.parseKnownSample(
                &cursor, nameEnd: start + texts.mark(at: slot), textEnd: end, labels: series[Int(index)].scraped,
                setHash: series[Int(index)].setHash)
            return (index, value, timestamp)
        }
        let sample = try parser.parseNewSample(&cursor)
        let index = series(for: sample.labels, hash: parser.lastLabelSetHash)
        // Only text the full parser read exactly this far is known to stand for these labels.
        if parser.lastSeriesTextEnd == end {
            addText(text, hash: hash, nameLength: parser.lastSeriesNameEnd - start, series: index)
        }
        return (index, sample.value, sample.timestamp)
    }

    /// Reads a `#` line: a metadata line seen before is applied as it read then, anything else
    /// is parsed (and a clean metadata line remembered).
    private mutating func readHashLine(_ cursor: inout ByteCursor, parser: inout ExpositionParser) throws(ExpositionParseError) {
        let start = cursor.offset
        let line = cursor.bytes(start..<cursor.end)
        guard line.count <= Self.maxCachedTextBytes else {
            _ = try parser.parseMetadataLine(&cursor)
            return
        }
        let hash = ByteHash.hash(line)
        if let slot = metadataLines.find(line, hash: hash) {
            noteMetadataLine(slot)
            // Without families to follow, a line known to be valid needs nothing more.
            if parser.tracksFamilies {
                try parser.applyKnownMetadata(
                    metadata(ofLine: slot), nameStart: start + metadataLines.mark(at: slot), cursor: cursor)
            }
            return
        }
        switch try parser.parseMetadataLine(&cursor) {
        case let entry? where entry != .endOfFile:
            addMetadataLine(line, hash: hash, nameOffset: parser.lastMetadataNameStart - start, entry: entry)
        default:
            break
        }
    }
}
