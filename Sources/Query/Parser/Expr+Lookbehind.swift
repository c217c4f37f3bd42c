public import TimeSeries

extension Expr {
    /// How far before its evaluation time the expression reads samples, given the instant
    /// selectors' lookback: the longest `range + offset` (plus subqueries' inner reach), or nil
    /// when an `@` modifier pins a selector to an absolute time.
    ///
    /// The agent sizes the history's in-memory window with it, so every rule read stays in memory.
    public func lookbehind(lookback: PromDuration) -> PromDuration? {
        Self.lookbehind(root, lookback: lookback.milliseconds).map { PromDuration(milliseconds: $0) }
    }

    private static func lookbehind(_ node: Node, lookback: Int64) -> Int64? {
        switch node {
        case .number, .string: return 0
        case .vectorSelector(let selector):
            return selector.at == nil ? max(0, selector.offset + lookback) : nil
        case .matrixSelector(let matrix):
            return matrix.selector.at == nil ? max(0, matrix.selector.offset + matrix.range) : nil
        case .subquery(let subquery):
            guard subquery.at == nil, let inner = lookbehind(subquery.expression, lookback: lookback) else { return nil }
            return max(0, subquery.offset + subquery.range + inner)
        case .call(let call): return longest(call.arguments, lookback: lookback)
        case .aggregation(let aggregation):
            return longest([aggregation.expression] + (aggregation.parameter.map { [$0] } ?? []), lookback: lookback)
        case .binary(let operation): return longest([operation.lhs, operation.rhs], lookback: lookback)
        case .unary(let operation): return lookbehind(operation.operand, lookback: lookback)
        case .parentheses(let inner, _): return lookbehind(inner, lookback: lookback)
        }
    }

    private static func longest(_ nodes: [Node], lookback: Int64) -> Int64? {
        var result: Int64 = 0
        for node in nodes {
            guard let reach = lookbehind(node, lookback: lookback) else { return nil }
            result = max(result, reach)
        }
        return result
    }
}
