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
    /// duplicate series included, or the first of `limits` the body breaks; the cache then
    /// counts nothing as seen, and after a limit also forgets what it learned from the body.
    mutating func read(
        _ bytes: [UInt8], format: ExpositionFormat, strict: Bool = false, limits: ScrapeLimits = .none, at timestamp: Timestamp
    ) throws(TargetReadError) -> Read {
        beginRead(format: format, strict: strict, limits: limits)
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
        let sampleLimit = limits.sampleLimit > 0 ? limits.sampleLimit : Int.max
        var samplesPastLimit = 0
        do throws(ExpositionParseError) {
            try bytes.withUnsafeBufferPointer { (buffer) throws(ExpositionParseError) in
                while var cursor = try parser.nextContentLine(in: buffer) {
                    if cursor.current == UInt8(ascii: "#") {
                        try readHashLine(&cursor, parser: &parser)
                        continue
                    }
                    // Past the limit the scrape has failed: the rest is counted for the reason, not
                    // read, so a runaway body costs no memory for series that will not be kept.
                    if samples.count == sampleLimit {
                        samplesPastLimit += 1
                        continue
                    }
                    let start = cursor.offset
                    guard case let (index, value, sampleTimestamp)? = try readSample(&cursor, parser: &parser) else { break }
                    if meet(index, timestamp: sampleTimestamp, offset: start) { added += 1 }
                    samples.append(Sample(labels: series[Int(index)].labelled, value: value, timestamp: sampleTimestamp ?? timestamp))
                }
                guard samplesPastLimit == 0, labelLimitExceeded == nil else { return }
                if let duplicate = firstDuplicate() {
                    let labels = series[Int(duplicate.series)].scraped
                    let at = duplicate.timestamp.map { " at timestamp \($0.milliseconds)" } ?? ""
                    let cursor = ByteCursor(locating: duplicate.offset, in: buffer)
                    throw cursor.error("duplicate series \(MessageText.shortened(labels.description))\(at)")
                }
            }
        } catch {
            throw .parse(error)
        }
        if let exceeded = labelLimitExceeded ?? sampleLimitExceeded(samples.count + samplesPastLimit, limits: limits) {
            forgetSinceLastSuccess()
            throw .limit(exceeded)
        }
        let gone = commitRead(sampleCount: samples.count, familyCount: parser.familyTable.families.count)
        return Read(samples: samples, seriesAdded: added, gone: gone)
    }

    /// `sample_limit` broken by a body of `count` samples, or nil.
    private func sampleLimitExceeded(_ count: Int, limits: ScrapeLimits) -> ScrapeLimitExceeded? {
        guard limits.sampleLimit > 0, count > limits.sampleLimit else { return nil }
        return ScrapeLimitExceeded(limit: .sample, found: count, value: limits.sampleLimit, detail: "\(count) samples")
    }

    /// Reads the sample line at `cursor`: through the cache when its text is known, in full
    /// (teaching the cache its text) when not. Nil when its labels break a label limit, which
    /// is then in `labelLimitExceeded`.
    ///
    /// Label limits are checked only when the labels are read in full, as Prometheus checks them
    /// only on a scrape-cache miss: a text is learned only once its series passed them, and the
    /// texts are forgotten when the limits change.
    private mutating func readSample(
        _ cursor: inout ByteCursor, parser: inout ExpositionParser
    ) throws(ExpositionParseError) -> (series: Int32, value: Double, timestamp: Timestamp?)? {
        let start = cursor.offset
        guard let end = SeriesText.end(at: cursor, dialect: parser.dialect), end - start <= Self.maxCachedTextBytes else {
            let sample = try parser.parseNewSample(&cursor)
            let index = series(for: sample.labels, hash: parser.lastLabelSetHash)
            guard passesLabelLimits(index) else { return nil }
            return (index, sample.value, sample.timestamp)
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
        guard passesLabelLimits(index) else { return nil }
        // Only text the full parser read exactly this far is known to stand for these labels.
        if parser.lastSeriesTextEnd == end {
            addText(text, hash: hash, nameLength: parser.lastSeriesNameEnd - start, series: index)
        }
        return (index, sample.value, sample.timestamp)
    }

    /// Whether series `index`, as stored, is within the label limits; if not, why is noted.
    private mutating func passesLabelLimits(_ index: Int32) -> Bool {
        guard let exceeded = limits.labelViolation(series[Int(index)].labelled) else { return true }
        labelLimitExceeded = exceeded
        return false
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
