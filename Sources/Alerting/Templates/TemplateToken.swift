/// One token of Go's template language, as far as Backlog reads it.
struct TemplateToken: Equatable {
    enum Kind: Equatable {
        /// Text outside actions, already trimmed by `{{-` and `-}}`.
        case text(String)
        case leftDelimiter
        case rightDelimiter
        case pipe
        case leftParenthesis
        case rightParenthesis
        /// `:=`
        case declare
        /// `=`
        case assign
        case string(String)
        case number(TemplateValue)
        /// `$name`, or `$` alone (the name is then "").
        case variable(String)
        /// `.Name`; chained fields are separate tokens with no space before them.
        case field(String)
        /// `.` alone.
        case dot
        /// A function name or a keyword such as `if`, `end`, `true`.
        case identifier(String)
    }

    var kind: Kind
    /// Byte offset of the token in the template text.
    var offset: Int
    /// Whether white space separates this token from the one before, which tells `$x.y` (a
    /// field of `$x`) from `$x .y` (two operands).
    var spaced: Bool
}
