/// A 1-based line and column in query text, counted in bytes as Prometheus counts them.
public struct SourcePosition: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of a byte offset in the text's UTF-8 bytes.
    init(offset: Int, in bytes: [UInt8]) {
        var line = 1
        var lastLineBreak = -1
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lastLineBreak = index
        }
        self.init(line: line, column: offset - lastLineBreak)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
