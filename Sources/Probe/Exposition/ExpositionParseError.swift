/// A syntax error in an exposition, with the 1-based line and column where it was found.
public struct ExpositionParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// What was wrong and what was expected, for example `expected "=" after label name "pid"`.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line:column: message`; callers put the file name or URL in front.
    public var description: String { "\(line):\(column): \(message)" }
}
