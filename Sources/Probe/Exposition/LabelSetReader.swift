import TimeSeries

/// Reads label sets (`{a="1",b="2"}`) and turns them into sorted `Labels` and a hash of the set.
///
/// Consecutive samples of a family almost always repeat their label names in the same order and
/// many of their values, so the reader remembers the previous set: a repeated value costs a byte
/// compare instead of a new `String`, and a repeated name order skips the sort.
struct LabelSetReader {
    /// A label as read, before sorting; its value is `recentValues` at the same position.
    private struct PendingLabel {
        var nameID: Int32
        var nameOffset: Int
        /// `ByteHash.label` of the name and the value.
        var hash: UInt64
        var hasValue: Bool
    }

    /// The value last read at one position of the set, identified by its raw (still escaped) bytes.
    private struct RecentValue {
        var start: Int
        /// The raw length; 0 for an empty value (escapes never decode to nothing).
        var count: Int
        var value: String
        var hash: UInt64
    }

    /// The labels read since `reset`: the first `count` elements; later ones are spare capacity.
    private var pending: [PendingLabel] = []
    private var count = 0
    private var recentValues: [RecentValue] = []
    /// The name ids of the last set whose order was worked out, and that order.
    private var knownNameIDs: [Int32] = []
    private var knownOrder: [Int] = []
    private var decoded: [UInt8] = []

    mutating func reset() {
        count = 0
    }

    /// Adds the metric name, `length` bytes at `offset`, as `__name__`, which is not read from braces.
    mutating func addMetricName(_ nameID: Int32, at offset: Int, length: Int, names: inout NameInterner) {
        let hash = names.hashes[Int(nameID)]
        if count < recentValues.count {
            // Consecutive samples mostly share a name; skipping the store saves a retain and a release.
            if recentValues[count].hash != hash || recentValues[count].value != names.strings[Int(nameID)] {
                recentValues[count] = RecentValue(start: offset, count: length, value: names.strings[Int(nameID)], hash: hash)
            }
        } else {
            recentValues.append(RecentValue(start: offset, count: length, value: names.strings[Int(nameID)], hash: hash))
        }
        append(nameID: NameInterner.metricNameID, nameOffset: offset, valueHash: hash, hasValue: true, names: &names)
    }

    /// Records a label whose value is now `recentValues[count]`.
    private mutating func append(nameID: Int32, nameOffset: Int, valueHash: UInt64, hasValue: Bool, names: inout NameInterner) {
        let label = PendingLabel(
            nameID: nameID, nameOffset: nameOffset,
            hash: ByteHash.label(name: names.hashes[Int(nameID)], value: valueHash),
            hasValue: hasValue
        )
        if count < pending.count { pending[count] = label } else { pending.append(label) }
        count += 1
    }

    /// The labels added since `reset`, sorted by name and without empty values, and the hash of the set.
    /// Throws when a name repeats, at its second occurrence.
    mutating func build(names: inout NameInterner, cursor: ByteCursor) throws(ExpositionParseError) -> (labels: Labels, hash: UInt64) {
        if !repeatsKnownNames() { try learnOrder(names: &names, cursor: cursor) }
        var hash: UInt64 = 0
        let labels = [Label](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in knownOrder where pending[index].hasValue {
                // Prometheus treats an empty value as no label at all, so those were skipped.
                let label = Label(names.strings[Int(pending[index].nameID)], recentValues[index].value)
                buffer.initializeElement(at: initialized, to: label)
                initialized += 1
                hash &+= pending[index].hash
            }
        }
        return (Labels(presorted: labels), hash)
    }

    private func repeatsKnownNames() -> Bool {
        guard count == knownNameIDs.count else { return false }
        for index in 0..<count where pending[index].nameID != knownNameIDs[index] { return false }
        return true
    }

    private mutating func learnOrder(names: inout NameInterner, cursor: ByteCursor) throws(ExpositionParseError) {
        let read = pending[0..<count]
        let order = read.indices.sorted { left, right in
            let leftID = read[left].nameID
            let rightID = read[right].nameID
            return leftID == rightID ? left < right : names.strings[Int(leftID)] < names.strings[Int(rightID)]
        }
        // Equal names now sit side by side in reading order; report the earliest repeat.
        let repeats = zip(order, order.dropFirst()).filter { read[$0].nameID == read[$1].nameID }
        if let repeated = repeats.map(\.1).min() {
            let name = names.strings[Int(read[repeated].nameID)]
            throw cursor.error("duplicate label name \(MessageText.quoted(name))", at: read[repeated].nameOffset)
        }
        knownNameIDs = read.map(\.nameID)
        knownOrder = order
    }
}

extension LabelSetReader {
    /// Reads `{…}`; the cursor must be on the `{`.
    mutating func read(_ cursor: inout ByteCursor, names: inout NameInterner, dialect: ExpositionDialect) throws(ExpositionParseError) {
        cursor.offset += 1
        cursor.skipPadding(dialect)
        if cursor.skip(UInt8(ascii: "}")) { return }
        var afterComma = false
        while true {
            try readLabel(&cursor, names: &names, dialect: dialect, afterComma: afterComma)
            afterComma = true
            cursor.skipPadding(dialect)
            if cursor.skip(UInt8(ascii: "}")) { return }
            guard cursor.skip(UInt8(ascii: ",")) else {
                let name = names.strings[Int(pending[count - 1].nameID)]
                throw cursor.error("expected \",\" or \"}\" after label value for \(MessageText.quoted(name))")
            }
            cursor.skipPadding(dialect)
            if !dialect.isStrict, cursor.skip(UInt8(ascii: "}")) { return }
        }
    }

    private mutating func readLabel(
        _ cursor: inout ByteCursor, names: inout NameInterner, dialect: ExpositionDialect, afterComma: Bool
    ) throws(ExpositionParseError) {
        let nameStart = cursor.offset
        guard let first = cursor.current, ByteClass.isLabelNameStart(first) else {
            // Strict OpenMetrics allows no trailing comma, so only a name may follow one.
            throw cursor.error(afterComma && dialect.isStrict ? "expected label name" : "expected label name or \"}\"")
        }
        let slot = count
        let hint = slot < knownNameIDs.count ? knownNameIDs[slot] : -1
        let nameID: Int32
        if let end = names.end(ofRepeated: hint, in: cursor.buffer, at: nameStart, limit: cursor.end, continues: ByteClass.isLabelName) {
            cursor.offset = end
            nameID = hint
        } else {
            nameID = names.intern(cursor.bytes(cursor.scan(while: ByteClass.isLabelName)))
        }
        cursor.skipPadding(dialect)
        guard cursor.skip(UInt8(ascii: "=")) else {
            throw cursor.error("expected \"=\" after label name \(MessageText.quoted(names.strings[Int(nameID)]))")
        }
        cursor.skipPadding(dialect)
        guard cursor.skip(UInt8(ascii: "\"")) else {
            throw cursor.error("expected a quoted value after \(MessageText.quoted(names.strings[Int(nameID)] + "="))")
        }
        try readValue(&cursor, slot: slot, nameID: nameID, names: &names, rules: dialect.labelValueEscapes)
        let value = recentValues[slot]
        append(nameID: nameID, nameOffset: nameStart, valueHash: value.hash, hasValue: value.count > 0, names: &names)
    }

    /// Reads a value up to and including its closing quote into `recentValues[slot]`; the cursor is
    /// just past the opening quote.
    private mutating func readValue(
        _ cursor: inout ByteCursor, slot: Int, nameID: Int32, names: inout NameInterner, rules: EscapeDecoder.Rules
    ) throws(ExpositionParseError) {
        var labelName: String { names.strings[Int(nameID)] }
        let start = cursor.offset
        let buffer = cursor.buffer
        guard let base = buffer.baseAddress else { throw cursor.error("expected label value") }
        var index = ByteComparison.skipPlainQuotedText(base, from: start, end: cursor.end)
        var highBits: UInt8 = 0
        var isEscaped = false
        while index < cursor.end {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                isEscaped = true
                index += 2
                continue
            }
            highBits |= byte
            index += 1
        }
        guard index < cursor.end else {
            throw cursor.error("unterminated label value for \(MessageText.quoted(labelName)); expected a closing quote", at: start - 1)
        }
        cursor.offset = index + 1
        if slot < recentValues.count, recentValues[slot].count == index - start,
           ByteComparison.equal(base + recentValues[slot].start, base + start, count: index - start) {
            return
        }
        let raw = cursor.bytes(start..<index)
        let decodedValue: (String, UInt64)?
        if isEscaped {
            decoded.removeAll(keepingCapacity: true)
            if let bad = EscapeDecoder.decode(raw, rules: rules, into: &decoded) {
                let escape = cursor.quoted((start + bad)..<min(start + bad + 2, index))
                throw cursor.error("invalid escape sequence \(escape) in label value for \(MessageText.quoted(labelName))", at: start + bad)
            }
            decodedValue = decoded.withUnsafeBufferPointer { Self.string($0, isASCII: false) }
        } else {
            decodedValue = Self.string(raw, isASCII: highBits < 0x80)
        }
        guard case let (value, hash)? = decodedValue else {
            throw cursor.error("invalid UTF-8 in label value for \(MessageText.quoted(labelName))", at: start)
        }
        let recent = RecentValue(start: start, count: index - start, value: value, hash: hash)
        if slot < recentValues.count { recentValues[slot] = recent } else { recentValues.append(recent) }
    }

    /// The value as a `String` and its hash; nil when the bytes are not UTF-8.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> (String, UInt64)? {
        let value = isASCII ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        return value.map { ($0, ByteHash.hash(bytes)) }
    }
}
