#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TimeSeries

extension ExpositionParser {
    /// A line starting with `#`: HELP, TYPE, UNIT (OpenMetrics), EOF (OpenMetrics) or a comment.
    mutating func parseHashLine(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry? {
        cursor.offset += 1
        if dialect.isStrict {
            guard cursor.skip(UInt8(ascii: " ")) else { throw cursor.error("expected \" \" after \"#\"") }
        } else {
            cursor.skipBlanks()
        }
        let keyword = cursor.scanToken()
        if cursor.bytes(keyword, equal: "HELP") { return try parseHelp(&cursor) }
        if cursor.bytes(keyword, equal: "TYPE") { return try parseType(&cursor) }
        if dialect.isOpenMetrics, cursor.bytes(keyword, equal: "UNIT") { return try parseUnit(&cursor) }
        if dialect.isOpenMetrics, cursor.bytes(keyword, equal: "EOF") { return try parseEndOfFile(&cursor) }
        if dialect.isStrict {
            throw cursor.error("expected HELP, TYPE, UNIT or EOF after \"# \"; OpenMetrics has no comments", at: keyword.lowerBound)
        }
        return nil
    }

    private mutating func parseHelp(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry {
        let (name, nameStart) = try metadataName(&cursor, keyword: "HELP")
        var text = ""
        if cursor.skipSeparator(dialect) {
            text = try helpText(&cursor, metric: name)
        }
        if tracksFamilies {
            familyTable.setHelp(text, of: try declare(.help, name: name, at: nameStart, cursor: cursor))
        }
        return .help(metric: name, text: text)
    }

    private mutating func parseType(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry {
        let (name, nameStart) = try metadataName(&cursor, keyword: "TYPE")
        guard cursor.skipSeparator(dialect) else { throw cursor.error("expected metric type after \(MessageText.quoted(name))") }
        let word = cursor.scanToken()
        let text = String(decoding: cursor.bytes(word), as: UTF8.self)
        guard let type = MetricType(rawValue: text), dialect.metricTypes.contains(type) else {
            let known = dialect.metricTypes.map(\.rawValue).joined(separator: ", ")
            throw cursor.error("unknown metric type \(cursor.quoted(word)); expected one of \(known)", at: word.lowerBound)
        }
        try expectEndOfLine(&cursor, after: "metric type")
        if tracksFamilies {
            familyTable.setType(type, of: try declare(.type, name: name, at: nameStart, cursor: cursor))
        }
        return .type(metric: name, type: type)
    }

    private mutating func parseUnit(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry {
        let (name, nameStart) = try metadataName(&cursor, keyword: "UNIT")
        var unit = ""
        var unitStart = cursor.offset
        if cursor.skipSeparator(dialect) {
            unitStart = cursor.offset
            unit = String(decoding: cursor.bytes(cursor.scan(while: ByteClass.isMetricName)), as: UTF8.self)
            try expectEndOfLine(&cursor, after: "unit")
        }
        if dialect.isStrict, !unit.isEmpty, !name.hasSuffix("_" + unit) {
            throw cursor.error("metric family \(MessageText.quoted(name)) must end in \(MessageText.quoted("_" + unit)) to match its unit", at: unitStart)
        }
        if tracksFamilies {
            familyTable.setUnit(unit, of: try declare(.unit, name: name, at: nameStart, cursor: cursor))
        }
        return .unit(metric: name, unit: unit)
    }

    private mutating func parseEndOfFile(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry {
        try expectEndOfLine(&cursor, after: "\"# EOF\"")
        if dialect.isStrict {
            do { try buckets.finish() } catch { throw cursor.error(error.message, at: cursor.lineStart) }
            if position < cursor.buffer.count {
                throw ExpositionParseError(line: lineNumber + 1, column: 1, message: "unexpected text after \"# EOF\"")
            }
        }
        isFinished = true
        return .endOfFile
    }

    /// The metric name after HELP, TYPE or UNIT, and where it starts.
    private mutating func metadataName(_ cursor: inout ByteCursor, keyword: String) throws(ExpositionParseError) -> (String, Int) {
        guard cursor.skipSeparator(dialect), let first = cursor.current, ByteClass.isMetricNameStart(first) else {
            throw cursor.error("expected metric name after \"# \(keyword)\"")
        }
        let range = cursor.scan(while: ByteClass.isMetricName)
        if let next = cursor.current, !ByteClass.isBlank(next) {
            throw cursor.error("unexpected \(cursor.quoted(cursor.offset..<(cursor.offset + 1))) in metric name")
        }
        let id = names.intern(cursor.bytes(range))
        lastMetadataNameStart = range.lowerBound
        return (names.strings[Int(id)], range.lowerBound)
    }

    /// The rest of the line as HELP text, with its escapes decoded.
    private mutating func helpText(_ cursor: inout ByteCursor, metric: String) throws(ExpositionParseError) -> String {
        let range = cursor.offset..<cursor.end
        cursor.offset = cursor.end
        let raw = cursor.bytes(range)
        if let base = raw.baseAddress, memchr(base, Int32(UInt8(ascii: "\\")), raw.count) == nil {
            // Most help texts have no escapes; they are the bytes themselves, with nothing to copy.
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw cursor.error("invalid UTF-8 in HELP text for \(MessageText.quoted(metric))", at: range.lowerBound)
            }
            return text
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        if let bad = EscapeDecoder.decode(cursor.bytes(range), rules: dialect.helpEscapes, into: &decoded) {
            let at = range.lowerBound + bad
            throw cursor.error("invalid escape sequence \(cursor.quoted(at..<min(at + 2, range.upperBound))) in HELP text for \(MessageText.quoted(metric))", at: at)
        }
        guard let text = String(validating: decoded, as: UTF8.self) else {
            throw cursor.error("invalid UTF-8 in HELP text for \(MessageText.quoted(metric))", at: range.lowerBound)
        }
        return text
    }

    /// Records a metadata line for its family, enforcing the OpenMetrics placement rules when strict.
    mutating func declare(
        _ kind: FamilyTable.MetadataKind, name: String, at offset: Int, cursor: ByteCursor
    ) throws(ExpositionParseError) -> Int {
        let family = familyTable.family(named: name)
        do {
            try familyTable.enter(family, enforcingContiguity: dialect.isStrict)
            if dialect.isStrict {
                try buckets.finish()
                try familyTable.checkPlacement(of: kind, in: family)
            }
        } catch {
            throw cursor.error(error.message, at: offset)
        }
        return family
    }

    func expectEndOfLine(_ cursor: inout ByteCursor, after what: String) throws(ExpositionParseError) {
        cursor.skipPadding(dialect)
        guard cursor.isAtEnd else {
            throw cursor.error("expected end of line after \(what), found \(cursor.quoted(cursor.offset..<cursor.end))")
        }
    }
}
