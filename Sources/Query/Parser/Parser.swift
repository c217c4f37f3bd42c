import TimeSeries

/// Builds the syntax tree from tokens by precedence climbing, with Prometheus's precedences,
/// associativity and error messages.
struct Parser {
    let bytes: [UInt8]
    private let tokens: [Token]
    private var index = 0
    /// The innermost construct whose errors Prometheus reports as "… in <context>" when nothing
    /// more specific applies; only aggregations have one.
    var errorContext: String?

    /// Parses and type-checks a whole query.
    static func parse(_ text: String) throws(QueryError) -> Node {
        var parser = Parser(bytes: Array(text.utf8))
        if parser.current.kind == .endOfInput {
            throw .parse(SourcePosition(line: 1, column: 1), "no expression found in input")
        }
        let root = try parser.parseExpression(atLeast: 0)
        guard parser.current.kind == .endOfInput else { throw parser.unexpected() }
        try TypeChecker(bytes: parser.bytes).check(root)
        return root
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        tokens = Lexer.tokenize(bytes)
    }

    var current: Token { tokens[index] }

    /// The token after the current one (the lexer always ends the list with an end or error token).
    var next: Token { tokens[min(index + 1, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    // MARK: - Expressions

    /// An expression whose binary operators all have at least the given precedence.
    mutating func parseExpression(atLeast minimum: Int) throws(QueryError) -> Node {
        var lhs = try parseOperand()
        while case .binary(let op) = current.kind, op.precedence >= minimum {
            let operatorToken = current
            guard op != .atan2 else { throw notSupported("operator \"atan2\"", at: operatorToken.offset) }
            advance()
            let (returnsBool, matching) = try parseBinaryModifiers(for: op)
            let rhs = try parseExpression(atLeast: op.isRightAssociative ? op.precedence : op.precedence + 1)
            lhs = .binary(
                BinaryOperation(
                    op: op, lhs: lhs, rhs: rhs, matching: matching, returnsBool: returnsBool,
                    operatorPosition: operatorToken.offset))
        }
        return lhs
    }

    /// A primary expression with its postfix modifiers, or a unary `+`/`-` applied to one. Unary
    /// operators bind like `*`, so only `^` binds tighter: `-2 ^ 2` is `-(2 ^ 2)`.
    private mutating func parseOperand() throws(QueryError) -> Node {
        guard case .binary(let op) = current.kind, op == .add || op == .subtract else {
            return try parsePostfix(parsePrimary())
        }
        let position = current.offset
        advance()
        let operand = try parseExpression(atLeast: BinaryOperator.power.precedence)
        if case .number(let value, _) = operand {
            return .number(op == .subtract ? -value : value, position: position)
        }
        return .unary(UnaryOperation(negates: op == .subtract, operand: operand, position: position))
    }

    private mutating func parsePrimary() throws(QueryError) -> Node {
        let token = current
        switch token.kind {
        case .number, .duration:
            let value = try numberValue(of: token)
            advance()
            return .number(value, position: token.offset)
        case .string:
            advance()
            return .string(token.stringValue, position: token.offset)
        case .leftParen:
            advance()
            let inner = try parseExpression(atLeast: 0)
            guard current.kind == .rightParen else { throw unexpected() }
            advance()
            return .parentheses(inner, position: token.offset)
        case .leftBrace:
            return try parseVectorSelector(name: nil, position: token.offset)
        case .identifier where next.kind == .leftParen:
            return try parseCall()
        case .aggregation(let op) where next.kind == .leftParen || next.kind == .keyword(.by)
            || next.kind == .keyword(.without):
            return try parseAggregation(op)
        case .identifier, .metricIdentifier, .aggregation, .binary(.and), .binary(.or), .binary(.unless),
            .keyword(.by), .keyword(.without), .keyword(.offset), .keyword(.start), .keyword(.end):
            // Prometheus accepts these words as metric names where an expression starts.
            advance()
            return try parseVectorSelector(name: token.text, position: token.offset)
        default:
            throw unexpected()
        }
    }

    // MARK: - Literals

    /// A number token's value, or a duration's in seconds (Prometheus 3 accepts `5m` as 300).
    func numberValue(of token: Token) throws(QueryError) -> Double {
        if token.kind == .duration { return Double(try durationMilliseconds(of: token)) / 1000 }
        guard let value = NumberLiteral.value(of: token.text) else {
            throw .parse(
                position(of: token.offset),
                "error parsing number: strconv.ParseFloat: parsing \(GoQuote.string(token.text)): invalid syntax")
        }
        return value
    }

    /// A number or duration token as milliseconds, for ranges, steps and offsets.
    func durationMilliseconds(of token: Token) throws(QueryError) -> Int64 {
        if token.kind == .duration {
            guard let duration = PromDuration(parsing: token.text)?.milliseconds else {
                throw .parse(position(of: token.offset), "not a valid duration string: \(GoQuote.string(token.text))")
            }
            return duration
        }
        let milliseconds = try numberValue(of: token) * 1000
        guard milliseconds.isFinite, abs(milliseconds) < 9.2e18 else {
            throw .parse(position(of: token.offset), "duration out of range")
        }
        return Int64(milliseconds)
    }

    // MARK: - Errors

    func position(of offset: Int) -> SourcePosition { SourcePosition(offset: offset, in: bytes) }

    /// Prometheus's "unexpected <token> [in <context>][, expected <what>]"; a lexer error at the
    /// current token is reported as itself.
    func unexpected(in context: String? = nil, expected: String? = nil) -> QueryError {
        if current.kind == .error { return .parse(position(of: current.offset), current.text) }
        var message = "unexpected " + current.errorDescription
        if let context = context ?? (expected == nil ? errorContext : nil) { message += " in " + context }
        if let expected { message += ", expected " + expected }
        return .parse(position(of: current.offset), message)
    }

    func notSupported(_ construct: String, at offset: Int) -> QueryError {
        .notSupported(construct, position(of: offset))
    }
}
