extension Parser {
    /// `name(arguments…)`; functions this engine does not evaluate are refused once the call has
    /// parsed, where Prometheus reports unknown functions.
    mutating func parseCall() throws(QueryError) -> Node {
        let nameToken = current
        advance()
        let arguments = try parseArguments()
        guard let function = Function(rawValue: nameToken.text) else {
            throw notSupported("function \(GoQuote.string(nameToken.text))", at: nameToken.offset)
        }
        return .call(FunctionCall(function: function, arguments: arguments, position: nameToken.offset))
    }

    /// `op [by|without (…)] (arguments) [by|without (…)]`
    mutating func parseAggregation(_ op: AggregationOperator) throws(QueryError) -> Node {
        let opToken = current
        advance()
        var grouping: (labels: [String], without: Bool)?
        if case .keyword(let keyword) = current.kind, keyword == .by || keyword == .without {
            advance()
            grouping = (try parseGroupingLabels(), keyword == .without)
        }
        guard current.kind == .leftParen else { throw unexpected(in: "aggregation") }
        let enclosingContext = errorContext
        errorContext = "aggregation"
        let arguments = try parseArguments()
        errorContext = enclosingContext
        if grouping == nil, case .keyword(let keyword) = current.kind, keyword == .by || keyword == .without {
            advance()
            grouping = (try parseGroupingLabels(), keyword == .without)
        }
        guard op.isSupported else { throw notSupported("aggregation \(GoQuote.string(op.rawValue))", at: opToken.offset) }
        guard !arguments.isEmpty else {
            throw .parse(position(of: opToken.offset), "no arguments for aggregate expression provided")
        }
        let wanted = op.parameterType == nil ? 1 : 2
        guard arguments.count == wanted else {
            throw .parse(
                position(of: opToken.offset),
                "wrong number of arguments for aggregate expression provided, expected \(wanted), got \(arguments.count)")
        }
        return .aggregation(
            Aggregation(
                op: op, parameter: wanted == 2 ? arguments[0] : nil, expression: arguments[wanted - 1],
                grouping: grouping?.labels ?? [], without: grouping?.without ?? false, position: opToken.offset))
    }

    /// `(a, b, …)` after a function name or aggregation; the current token is the parenthesis.
    private mutating func parseArguments() throws(QueryError) -> [Node] {
        advance()
        var arguments: [Node] = []
        while current.kind != .rightParen {
            arguments.append(try parseExpression(atLeast: 0))
            if current.kind == .comma {
                let comma = current
                advance()
                if current.kind == .rightParen {
                    throw .parse(position(of: comma.offset), "trailing commas not allowed in function call args")
                }
            } else if current.kind != .rightParen {
                throw unexpected()
            }
        }
        advance()
        return arguments
    }

    /// `(label, …)` after `by`, `without`, `on`, `ignoring`, `group_left` or `group_right`.
    mutating func parseGroupingLabels() throws(QueryError) -> [String] {
        guard current.kind == .leftParen else { throw unexpected(in: "grouping opts", expected: "\"(\"") }
        advance()
        var labels: [String] = []
        while current.kind != .rightParen {
            guard let label = groupingLabel(current) else { throw unexpected(in: "grouping opts", expected: "label") }
            guard !label.isEmpty else {
                throw .parse(position(of: current.offset), "invalid label name for grouping: \"\"")
            }
            labels.append(label)
            advance()
            if current.kind == .comma {
                advance()
            } else if current.kind != .rightParen {
                throw unexpected(in: "grouping opts", expected: "\",\" or \")\"")
            }
        }
        advance()
        return labels
    }

    /// Inside grouping parentheses keywords are label names too; a string is a quoted name.
    private func groupingLabel(_ token: Token) -> String? {
        switch token.kind {
        case .identifier, .metricIdentifier, .keyword, .aggregation, .binary(.and), .binary(.or),
            .binary(.unless), .binary(.atan2):
            token.text
        case .string: token.stringValue
        default: nil
        }
    }
}
