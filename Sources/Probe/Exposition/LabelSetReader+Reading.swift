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
