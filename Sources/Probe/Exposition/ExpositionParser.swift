#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TimeSeries

/// A pull parser over the bytes of a Prometheus text or OpenMetrics exposition.
///
/// Each `next()` reads lines until one yields an entry; comments and blank lines yield none.
/// It scans the bytes in place and makes a `String` only for what it returns. OpenMetrics must
/// end with `# EOF` either way (anything after it is ignored unless strict).
///
/// `strict` holds OpenMetrics to the 1.0 specification. The parser itself then reads the ABNF
/// exactly: no byte order mark, blank lines, comments, `\r`, loose spacing, trailing commas,
/// unknown escapes or text after `# EOF`. An `OpenMetricsValidator` checks the meaning of what
/// it reads (families, types, values, metrics and points). It changes nothing for Prometheus text.
/// After an error the parser is finished and `next()` returns nil.
public struct ExpositionParser {
    private let bytes: [UInt8]
    let dialect: ExpositionDialect
    /// Where the next line starts.
    var position = 0
    var lineNumber = 0
    var lineStart = 0
    var isFinished = false
    var names: NameInterner
    var sampleLabels = LabelSetReader()
    var exemplarLabels = LabelSetReader()
    var familyTable: FamilyTable
    /// Whether samples are attributed to families and metadata recorded. Only `families` and the
    /// strict rules need that, so a reader that wants samples alone may turn it off; strict
    /// reading keeps it on regardless.
    var tracksFamilies = true {
        didSet { tracksFamilies = tracksFamilies || dialect.isStrict }
    }
    /// The OpenMetrics rules beyond syntax; used only when strict.
    var validator = OpenMetricsValidator()
    var lastSampleNameID: Int32 = -1
    /// Where the last sample began and the hash of its labels and timestamp, for `ParsedExposition`.
    var lastSampleOffset = 0
    var lastSeriesHash: UInt64 = 0
    /// The hash of the last sample's label set alone, which names its series across scrapes.
    var lastLabelSetHash: UInt64 = 0
    /// Where the last sample's metric name and series text (`name` or `name{…}`) ended.
    var lastSeriesNameEnd = 0
    var lastSeriesTextEnd = 0
    /// Where the metric name of the last metadata line started.
    var lastMetadataNameStart = 0

    public init(bytes: [UInt8], format: ExpositionFormat, strict: Bool = false) {
        self.init(bytes: bytes, format: format, strict: strict, names: NameInterner())
    }

    /// A parser that starts from names interned before, such as a previous exposition's of
    /// the same target; any interner gives the same entries.
    init(bytes: [UInt8], format: ExpositionFormat, strict: Bool, names: NameInterner) {
        self.bytes = bytes
        self.names = names
        dialect = ExpositionDialect(format: format, strict: strict)
        familyTable = FamilyTable(untypedType: dialect.untypedType)
    }

    /// The next entry, or nil at the end of input (for OpenMetrics, after `.endOfFile`).
    public mutating func next() throws(ExpositionParseError) -> ExpositionEntry? {
        let bytes = self.bytes
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ExpositionParseError) -> ExpositionEntry? in
            try next(in: buffer)
        }
    }

    /// `next()` for a caller that already holds the parser's bytes as `buffer`, which saves
    /// borrowing them again for every entry.
    mutating func next(in buffer: UnsafeBufferPointer<UInt8>) throws(ExpositionParseError) -> ExpositionEntry? {
        guard !isFinished else { return nil }
        do {
            while var cursor = try nextNonBlankLine(in: buffer) {
                let isHashLine = cursor.current == UInt8(ascii: "#")
                if let entry = isHashLine ? try parseHashLine(&cursor) : try parseSample(&cursor) { return entry }
            }
            return try endOfInput(buffer)
        } catch {
            isFinished = true
            throw error
        }
    }

    /// The next line with content, the cursor past its leading padding; nil at the end of the bytes.
    mutating func nextNonBlankLine(in buffer: UnsafeBufferPointer<UInt8>) throws(ExpositionParseError) -> ByteCursor? {
        while position < buffer.count {
            var cursor = try nextLine(in: buffer)
            cursor.skipPadding(dialect)
            if !cursor.isAtEnd { return cursor }
            if dialect.isStrict { throw cursor.error("blank lines are not allowed in strict OpenMetrics") }
        }
        return nil
    }

    /// Finds the next line and moves past it.
    private mutating func nextLine(in buffer: UnsafeBufferPointer<UInt8>) throws(ExpositionParseError) -> ByteCursor {
        let start = position
        var end = buffer.count
        if let base = buffer.baseAddress, let newline = memchr(base + start, 0x0A, buffer.count - start) {
            end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
        }
        position = min(end + 1, buffer.count)
        lineNumber += 1
        lineStart = start
        var contentEnd = end
        if dialect.isStrict {
            if start == 0, end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                let cursor = ByteCursor(buffer: buffer, offset: start, end: end, lineNumber: lineNumber, lineStart: start)
                throw cursor.error("byte order mark is not allowed in OpenMetrics; start with the first line", at: 0)
            }
            if let base = buffer.baseAddress, let carriageReturn = memchr(base + start, 0x0D, end - start) {
                let cursor = ByteCursor(buffer: buffer, offset: start, end: end, lineNumber: lineNumber, lineStart: start)
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(carriageReturn))
                throw cursor.error("carriage return is not allowed in strict OpenMetrics; lines end with \"\\n\"", at: offset)
            }
        } else if end > start, buffer[end - 1] == 0x0D {
            contentEnd -= 1
        }
        return ByteCursor(buffer: buffer, offset: start, end: contentEnd, lineNumber: lineNumber, lineStart: start)
    }

    /// The end of the bytes: fine for Prometheus text, an error for OpenMetrics, which ends with `# EOF`.
    mutating func endOfInput(_ buffer: UnsafeBufferPointer<UInt8>) throws(ExpositionParseError) -> ExpositionEntry? {
        isFinished = true
        guard dialect.isOpenMetrics else { return nil }
        let message = "expected \"# EOF\" at the end of an OpenMetrics exposition"
        guard let last = buffer.last, last != 0x0A else {
            throw ExpositionParseError(line: lineNumber + 1, column: 1, message: message)
        }
        let cursor = ByteCursor(buffer: buffer, offset: buffer.count, end: buffer.count, lineNumber: lineNumber, lineStart: lineStart)
        throw cursor.error(message)
    }
}

extension ExpositionParser {
    /// The 1-based line of the entry `next()` returned last, for errors about its meaning.
    public var currentLine: Int { lineNumber }

    /// How many bytes the parser has read, for progress on large inputs.
    public var bytesConsumed: Int { position }
}
