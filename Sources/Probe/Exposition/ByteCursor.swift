/// A read position inside one line of an exposition that knows its line, so errors can say where they are.
struct ByteCursor {
    let buffer: UnsafeBufferPointer<UInt8>
    var offset: Int
    /// Where the line's content ends: before its `\n`, and before a tolerated `\r`.
    let end: Int
    let lineNumber: Int
    let lineStart: Int

    init(buffer: UnsafeBufferPointer<UInt8>, offset: Int, end: Int, lineNumber: Int, lineStart: Int) {
        self.buffer = buffer
        self.offset = offset
        self.end = end
        self.lineNumber = lineNumber
        self.lineStart = lineStart
    }

    /// A cursor at `offset`, counting the lines before it; for errors found after the line was read.
    init(locating offset: Int, in buffer: UnsafeBufferPointer<UInt8>) {
        let target = min(max(offset, 0), buffer.count)
        var lineNumber = 1
        var lineStart = 0
        for index in 0..<target where buffer[index] == 0x0A {
            lineNumber += 1
            lineStart = index + 1
        }
        self.init(buffer: buffer, offset: target, end: target, lineNumber: lineNumber, lineStart: lineStart)
    }

    var isAtEnd: Bool { offset >= end }

    /// The byte at the cursor, or nil at the end of the line.
    var current: UInt8? { offset < end ? buffer[offset] : nil }

    /// Consumes `byte` if it is next.
    @inline(__always)
    mutating func skip(_ byte: UInt8) -> Bool {
        guard offset < end, buffer[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// Consumes spaces and tabs; true when there was at least one.
    @discardableResult
    mutating func skipBlanks() -> Bool {
        let start = offset
        while offset < end, ByteClass.isBlank(buffer[offset]) { offset += 1 }
        return offset > start
    }

    /// Consumes bytes while `accept` holds and returns where they were.
    @inline(__always)
    mutating func scan(while accept: (UInt8) -> Bool) -> Range<Int> {
        let start = offset
        while offset < end, accept(buffer[offset]) { offset += 1 }
        return start..<offset
    }

    /// Consumes a token: everything up to the next blank or the end of the line.
    mutating func scanToken() -> Range<Int> {
        scan { !ByteClass.isBlank($0) }
    }

    /// The input bytes in `range`, without copying.
    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[range])
    }

    /// True when the bytes in `range` spell `word` exactly.
    func bytes(_ range: Range<Int>, equal word: StaticString) -> Bool {
        range.count == word.utf8CodeUnitCount
            && word.withUTF8Buffer { $0.elementsEqual(bytes(range)) }
    }

    /// The bytes in `range` as text for an error message, shortened so a huge token makes a short message.
    func quoted(_ range: Range<Int>) -> String {
        // Decoding only a prefix keeps a 10 MB token from becoming a 10 MB string first.
        let prefix = range.lowerBound..<min(range.upperBound, range.lowerBound + 160)
        return MessageText.quoted(String(decoding: bytes(prefix), as: UTF8.self), continues: prefix.count < range.count)
    }

    /// An error at `offset`; the column counts characters, not bytes, from the start of the line.
    func error(_ message: String, at offset: Int) -> ExpositionParseError {
        let stop = min(max(offset, lineStart), buffer.count)
        var column = 1
        for index in lineStart..<stop where buffer[index] & 0xC0 != 0x80 {
            column += 1
        }
        return ExpositionParseError(line: lineNumber, column: column, message: message)
    }

    /// An error at the cursor.
    func error(_ message: String) -> ExpositionParseError {
        error(message, at: offset)
    }
}

extension ByteCursor {
    /// Consumes the separator between two tokens: exactly one space in strict OpenMetrics, any run
    /// of blanks otherwise. False when there was none.
    mutating func skipSeparator(_ dialect: ExpositionDialect) -> Bool {
        dialect.isStrict ? skip(UInt8(ascii: " ")) : skipBlanks()
    }

    /// Consumes blanks where the grammar has no separator but Prometheus tolerates them
    /// (around `{`, `=`, `,`, `}` and at the ends of a line); strict OpenMetrics allows none.
    mutating func skipPadding(_ dialect: ExpositionDialect) {
        if !dialect.isStrict { skipBlanks() }
    }
}
