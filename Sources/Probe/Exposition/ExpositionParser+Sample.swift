import TimeSeries

extension ExpositionParser {
    /// A sample line: `name{labels} value [timestamp] [# {labels} value [timestamp]]`.
    mutating func parseSample(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry {
        let nameStart = cursor.offset
        guard let first = cursor.current, ByteClass.isMetricNameStart(first) else {
            throw cursor.error("expected metric name, found \(cursor.quoted(nameStart..<(nameStart + 1)))")
        }
        let nameID: Int32
        if let end = names.end(ofRepeated: lastSampleNameID, in: cursor.buffer, at: nameStart, limit: cursor.end, continues: ByteClass.isMetricName) {
            cursor.offset = end
            nameID = lastSampleNameID
        } else {
            nameID = names.intern(cursor.bytes(cursor.scan(while: ByteClass.isMetricName)))
            lastSampleNameID = nameID
        }
        sampleLabels.reset()
        sampleLabels.addMetricName(nameID, at: nameStart, length: cursor.offset - nameStart, names: &names)
        let afterName = cursor.offset
        cursor.skipPadding(dialect)
        if cursor.current == UInt8(ascii: "{") {
            try sampleLabels.read(&cursor, names: &names, dialect: dialect)
        } else {
            cursor.offset = afterName
        }
        lastSeriesNameEnd = afterName
        lastSeriesTextEnd = cursor.offset
        let (labels, setHash) = try sampleLabels.build(names: &names, cursor: cursor)
        let (value, timestamp, exemplar) = try parseSampleRest(
            &cursor, nameID: nameID, name: nameStart..<afterName, labels: labels, setHash: setHash)
        return .sample(Sample(labels: labels, value: value, timestamp: timestamp), exemplar: exemplar)
    }

    /// The rest of a sample line after its series text, which read as `labels` (hashing to
    /// `setHash`): value, timestamp and exemplar, then the family's bookkeeping and, when strict,
    /// its rules. `labels` is only evaluated for the strict rules; `nameID`, the interned metric
    /// name at `name`, is needed only when families are tracked.
    mutating func parseSampleRest(
        _ cursor: inout ByteCursor, nameID: Int32?, name: Range<Int>, labels: @autoclosure () -> Labels, setHash: UInt64
    ) throws(ExpositionParseError) -> (value: Double, timestamp: Timestamp?, exemplar: Exemplar?) {
        let nameStart = name.lowerBound
        var metricName: String {
            nameID.map { names.strings[Int($0)] } ?? String(decoding: cursor.bytes(name), as: UTF8.self)
        }
        guard cursor.skipSeparator(dialect), !cursor.isAtEnd else {
            if cursor.isAtEnd { throw cursor.error("expected sample value after \(MessageText.quoted(metricName))") }
            throw cursor.error("expected \" \" before sample value, found \(cursor.quoted(cursor.offset..<(cursor.offset + 1)))")
        }
        let valueRange = cursor.scanToken()
        guard let value = NumberSyntax.float(cursor.bytes(valueRange)) else {
            throw cursor.error("invalid sample value \(cursor.quoted(valueRange)); expected a number, NaN or ±Inf", at: valueRange.lowerBound)
        }
        let timestamp = try readTimestamp(&cursor, of: "sample")
        let exemplar = try readExemplar(&cursor)
        try expectEndOfLine(&cursor, after: "sample")

        if tracksFamilies, let nameID {
            let attribution = familyTable.attribute(nameID: nameID, name: metricName)
            if dialect.isStrict {
                try validator.sample(
                    Sample(labels: labels(), value: value, timestamp: timestamp), exemplar: exemplar?.exemplar,
                    attribution: attribution, in: familyTable,
                    site: .init(nameStart: nameStart, value: valueRange, exemplarStart: exemplar?.offset), cursor: cursor)
            }
            familyTable.countSample(in: attribution.family)
        }
        lastSampleOffset = nameStart
        lastLabelSetHash = setHash
        lastSeriesHash = Self.seriesHash(setHash, timestamp)
        return (value, timestamp, exemplar?.exemplar)
    }

    /// A timestamp after a separator, unless the line ends or an exemplar comes first.
    private func readTimestamp(_ cursor: inout ByteCursor, of what: String) throws(ExpositionParseError) -> Timestamp? {
        let mark = cursor.offset
        guard cursor.skipSeparator(dialect), let next = cursor.current,
              !(dialect.isOpenMetrics && next == UInt8(ascii: "#")) else {
            cursor.offset = mark
            return nil
        }
        let range = cursor.scanToken()
        let bytes = cursor.bytes(range)
        if dialect.isOpenMetrics {
            guard let milliseconds = NumberSyntax.milliseconds(fromSeconds: bytes) else {
                throw cursor.error("invalid \(what) timestamp \(cursor.quoted(range)); expected seconds as a finite number", at: range.lowerBound)
            }
            return Timestamp(milliseconds: milliseconds)
        }
        guard let milliseconds = NumberSyntax.integer(bytes) else {
            throw cursor.error("invalid \(what) timestamp \(cursor.quoted(range)); expected integer milliseconds", at: range.lowerBound)
        }
        return Timestamp(milliseconds: milliseconds)
    }

    /// An OpenMetrics exemplar, ` # {labels} value [timestamp]`, and where its `#` is.
    private mutating func readExemplar(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> (exemplar: Exemplar, offset: Int)? {
        guard dialect.isOpenMetrics else { return nil }
        let mark = cursor.offset
        guard cursor.skipSeparator(dialect), cursor.current == UInt8(ascii: "#") else {
            cursor.offset = mark
            return nil
        }
        let start = cursor.offset
        cursor.offset += 1
        guard cursor.skipSeparator(dialect), cursor.current == UInt8(ascii: "{") else {
            throw cursor.error("expected \"{\" to start the exemplar's labels")
        }
        exemplarLabels.reset()
        try exemplarLabels.read(&cursor, names: &names, dialect: dialect)
        let (labels, _) = try exemplarLabels.build(names: &names, cursor: cursor)
        guard cursor.skipSeparator(dialect), !cursor.isAtEnd else {
            throw cursor.error("expected exemplar value after its labels")
        }
        let valueRange = cursor.scanToken()
        guard let value = NumberSyntax.float(cursor.bytes(valueRange)) else {
            throw cursor.error("invalid exemplar value \(cursor.quoted(valueRange)); expected a number", at: valueRange.lowerBound)
        }
        let timestamp = try readTimestamp(&cursor, of: "exemplar")
        return (Exemplar(labels: labels, value: value, timestamp: timestamp), start)
    }

    /// The identity `ParsedExposition` compares: the label set, and the timestamp, since OpenMetrics
    /// may give one series several points in time.
    private static func seriesHash(_ setHash: UInt64, _ timestamp: Timestamp?) -> UInt64 {
        guard let timestamp else { return setHash }
        return setHash &+ ByteHash.mix(UInt64(bitPattern: timestamp.milliseconds) ^ 0x2545_F491_4F6C_DD1D)
    }
}
