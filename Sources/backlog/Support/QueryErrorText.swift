import Query

/// Query errors with the expression and a caret under the position.
enum QueryErrorText {
    static func failure(_ error: QueryError, in expression: String) -> CommandFailure {
        let position: SourcePosition?
        switch error {
        case .parse(let at, _): position = at
        case .notSupported(_, let at): position = at
        default: position = nil
        }
        var message = "query: \(error.description)"
        if let position, !expression.contains("\n") {
            message += "\n  \(expression)\n  " + String(repeating: " ", count: max(0, position.column - 1)) + "^"
        }
        return CommandFailure(message)
    }
}
