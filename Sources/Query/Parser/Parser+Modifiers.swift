import Foundation

extension Parser {
    /// Applies `[range]`, `[range:step]`, `offset` and `@` that follow an expression; they bind
    /// tighter than any operator.
    mutating func parsePostfix(_ node: Node) throws(QueryError) -> Node {
        var node = node
        while true {
            switch current.kind {
            case .leftBracket: node = try parseRangeOrSubquery(of: node)
            case .keyword(.offset): node = try parseOffset(of: node)
            case .at: node = try parseAt(of: node)
            default: return node
            }
        }
    }

    private var isDurationToken: Bool { current.kind == .number || current.kind == .duration }

    private mutating func parseRangeOrSubquery(of node: Node) throws(QueryError) -> Node {
        let bracket = current
        advance()
        guard isDurationToken else { throw unexpected(in: "subquery selector", expected: "number or duration") }
        let range = try durationMilliseconds(of: current)
        advance()
        switch current.kind {
        case .rightBracket:
            advance()
            guard case .vectorSelector(let selector) = node else {
                throw .parse(position(of: bracket.offset), "ranges only allowed for vector selectors")
            }
            if selector.offset != 0 {
                throw .parse(position(of: bracket.offset), "no offset modifiers allowed before range")
            }
            if selector.at != nil { throw .parse(position(of: bracket.offset), "no @ modifiers allowed before range") }
            return .matrixSelector(MatrixSelector(selector: selector, range: range))
        case .colon:
            advance()
            var step: Int64?
            if isDurationToken {
                step = try durationMilliseconds(of: current)
                advance()
                guard current.kind == .rightBracket else { throw unexpected(in: "subquery selector", expected: "\"]\"") }
            } else if current.kind != .rightBracket {
                throw unexpected(in: "subquery selector", expected: "number or duration or \"]\"")
            }
            advance()
            // A zero step, like none, means the default step.
            return .subquery(Subquery(expression: node, range: range, step: step == 0 ? nil : step))
        default:
            throw unexpected(in: "subquery or range", expected: "\":\" or \"]\"")
        }
    }

    /// `offset [-]duration`; only selectors and subqueries take one, and only once.
    private mutating func parseOffset(of node: Node) throws(QueryError) -> Node {
        advance()
        let negative = current.kind == .binary(.subtract)
        if negative { advance() }
        guard isDurationToken else { throw unexpected(in: "offset", expected: "number or duration") }
        let offset = try durationMilliseconds(of: current) * (negative ? -1 : 1)
        advance()
        return try modifying(node, "offset") { nodeOffset, _ throws(QueryError) in
            guard nodeOffset == 0 else {
                throw .parse(position(of: node.position), "offset may not be set multiple times")
            }
            nodeOffset = offset
        }
    }

    /// `@ timestamp`, `@ start()` or `@ end()`; only selectors and subqueries take one, once.
    private mutating func parseAt(of node: Node) throws(QueryError) -> Node {
        advance()
        let at: AtModifier
        if case .keyword(let keyword) = current.kind, keyword == .start || keyword == .end {
            advance()
            guard current.kind == .leftParen, next.kind == .rightParen else {
                throw unexpected(in: "@", expected: "timestamp")
            }
            advance()
            advance()
            at = keyword == .start ? .start : .end
        } else {
            let negative = current.kind == .binary(.subtract)
            if negative || current.kind == .binary(.add) { advance() }
            guard isDurationToken else { throw unexpected(in: "@", expected: "timestamp") }
            let seconds = try numberValue(of: current) * (negative ? -1 : 1)
            advance()
            guard seconds.isFinite, abs(seconds * 1000) < 9.2e18 else {
                throw .parse(
                    position(of: node.position),
                    "timestamp out of bounds for @ modifier: " + String(format: "%f", seconds))
            }
            at = .timestamp(Int64((seconds * 1000).rounded()))
        }
        return try modifying(node, "@") { _, nodeAt throws(QueryError) in
            guard nodeAt == nil else {
                throw .parse(position(of: node.position), "@ <timestamp> may not be set multiple times")
            }
            nodeAt = at
        }
    }

    /// Changes the offset or `@` of the selector or subquery a modifier follows; nothing else
    /// takes modifiers.
    private func modifying(
        _ node: Node, _ modifier: String, _ change: (inout Int64, inout AtModifier?) throws(QueryError) -> Void
    ) throws(QueryError) -> Node {
        switch node {
        case .vectorSelector(var selector):
            try change(&selector.offset, &selector.at)
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            try change(&matrix.selector.offset, &matrix.selector.at)
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            try change(&subquery.offset, &subquery.at)
            return .subquery(subquery)
        default:
            throw .parse(
                position(of: node.position),
                "\(modifier) modifier must be preceded by an instant vector selector or range vector selector or a subquery")
        }
    }

    /// `[bool] [on|ignoring (…) [group_left|group_right [(…)]]]` after a binary operator.
    mutating func parseBinaryModifiers(for op: BinaryOperator) throws(QueryError) -> (Bool, VectorMatching) {
        let returnsBool = current.kind == .keyword(.bool)
        if returnsBool { advance() }
        var matching = VectorMatching(cardinality: op.isSetOperator ? .manyToMany : .oneToOne)
        guard case .keyword(let clause) = current.kind, clause == .on || clause == .ignoring else {
            return (returnsBool, matching)
        }
        advance()
        matching.on = clause == .on
        matching.labels = try parseGroupingLabels()
        if case .keyword(let side) = current.kind, side == .groupLeft || side == .groupRight {
            advance()
            matching.cardinality = side == .groupLeft ? .manyToOne : .oneToMany
            if current.kind == .leftParen { matching.include = try parseGroupingLabels() }
        }
        return (returnsBool, matching)
    }
}
