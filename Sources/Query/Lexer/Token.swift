/// A keyword that is neither an operator nor an aggregation.
enum Keyword: String, Sendable {
    case offset, by, without, on, ignoring, bool, start, end
    case groupLeft = "group_left"
    case groupRight = "group_right"
}

/// What a token is.
enum TokenKind: Equatable, Sendable {
    case endOfInput
    /// The lexer failed here; the token's text is the message.
    case error
    case identifier, metricIdentifier, number, duration, string
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, equals, colon, at
    case regexMatch, regexNoMatch
    case binary(BinaryOperator)
    case keyword(Keyword)
    case aggregation(AggregationOperator)
}

/// One token of query text: its kind, the text as written, and the byte offset where it starts.
struct Token: Sendable {
    var kind: TokenKind
    var text: String
    var offset: Int
    /// For string tokens, the text with quotes removed and escapes resolved.
    var stringValue = ""
}
