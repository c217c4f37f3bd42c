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
        } else if dialect.isStrict {
            throw cursor.error("expected \" \" after \(MessageText.quoted(name)); HELP needs one even before empty text")
        }
        let entry = ExpositionEntry.help(metric: name, text: text)
        try recordMetadata(entry, nameStart: nameStart, cursor: cursor)
        return entry
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
        let entry = ExpositionEntry.type(metric: name, type: type)
        try recordMetadata(entry, nameStart: nameStart, cursor: cursor)
        return entry
    }

    private mutating func parseUnit(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry {
        let (name, nameStart) = try metadataName(&cursor, keyword: "UNIT")
        var unit = ""
        if cursor.skipSeparator(dialect) {
            unit = String(decoding: cursor.bytes(cursor.scan(while: ByteClass.isMetricName)), as: UTF8.self)
            try expectEndOfLine(&cursor, after: "unit")
        } else if dialect.isStrict {
            throw cursor.error("expected \" \" after \(MessageText.quoted(name)); UNIT needs one even before an empty unit")
        }
        let entry = ExpositionEntry.unit(metric: name, unit: unit)
        try recordMetadata(entry, nameStart: nameStart, cursor: cursor)
        return entry
    }

    private mutating func parseEndOfFile(_ cursor: inout ByteCursor) throws(ExpositionParseError) -> ExpositionEntry {
        try expectEndOfLine(&cursor, after: "\"# EOF\"")
        if dialect.isStrict {
            try validator.endOfFile(cursor: cursor)
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

    /// Records a metadata line for its family and, when strict, checks where it stands; the
    /// line's metric name starts at `nameStart`.
    mutating func recordMetadata(_ entry: ExpositionEntry, nameStart: Int, cursor: ByteCursor) throws(ExpositionParseError) {
        guard tracksFamilies else { return }
        let family: Int
        switch entry {
        case .help(let name, let text):
            family = familyTable.family(named: name)
            familyTable.setHelp(text, of: family)
        case .type(let name, let type):
            family = familyTable.family(named: name)
            familyTable.setType(type, of: family)
        case .unit(let name, let unit):
            family = familyTable.family(named: name)
            familyTable.setUnit(unit, of: family)
        case .sample, .endOfFile:
            return
        }
        if dialect.isStrict {
            try validator.metadata(entry, family: family, in: familyTable, nameStart: nameStart, cursor: cursor)
        }
    }

    func expectEndOfLine(_ cursor: inout ByteCursor, after what: String) throws(ExpositionParseError) {
        cursor.skipPadding(dialect)
        guard cursor.isAtEnd else {
            throw cursor.error("expected end of line after \(what), found \(cursor.quoted(cursor.offset..<cursor.end))")
        }
    }
}
