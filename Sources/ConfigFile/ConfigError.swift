/// A mistake in a file a user wrote, with where it is and how to fix it.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the shape editors and terminals link to.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
