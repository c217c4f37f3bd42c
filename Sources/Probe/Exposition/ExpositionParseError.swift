import TimeSeries

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


/// Input-derived text for error messages, escaped and shortened, so a huge token makes a short message.
enum MessageText {
    /// `"text"`, escaped as label values are, cut after `limit` characters with an ellipsis;
    /// `continues` says the text was already cut before it got here.
    static func quoted(_ text: String, limit: Int = 40, continues: Bool = false) -> String {
        let shown = text.prefix(limit)
        let isCut = continues || shown.endIndex != text.endIndex
        return "\"\(Labels.escape(String(shown)))\(isCut ? "…" : "")\""
    }

    /// The text cut after `limit` characters with an ellipsis.
    static func shortened(_ text: String, limit: Int = 200) -> String {
        let shown = text.prefix(limit)
        return shown.endIndex == text.endIndex ? text : String(shown) + "…"
    }
}
