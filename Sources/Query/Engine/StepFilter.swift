/// A test a consumer will apply to every value anyway, such as the `> 10000` of a threshold
/// rule, handed down so selectors and range functions can leave out the values it rejects:
/// a rule over a million series then builds rows only for the few that pass, instead of a
/// million rows (and their label sets) that the comparison throws away.
///
/// A comparison rather than a closure: it runs once per series of a million-series rule, where
/// calling through a closure context costs more than the comparison.
struct StepFilter {
    let op: BinaryOperator
    /// The scalar side at each step.
    let scalar: [Double]
    let scalarOnLeft: Bool

    /// Whether the comparison holds for a value at a step.
    func keep(_ value: Double, _ step: Int) -> Bool {
        scalarOnLeft ? op.holds(scalar[step], value) : op.holds(value, scalar[step])
    }
}

extension Evaluator {
    /// An instant-vector expression, leaving out values `filter` rejects where that is cheap;
    /// the caller still applies the test itself, so leaving them in is also correct.
    func vectors(_ node: Node, _ grid: StepGrid, keeping filter: StepFilter?) throws(QueryError) -> StepVectors {
        guard let filter else { return try vectors(node, grid) }
        switch node {
        case .vectorSelector(let selector):
            return try select(selector, grid, keeping: filter)
        case .call(let call) where call.function.readsWindows && call.function != .absentOverTime
            && Evaluator.selectsOneMetricName(call.arguments[0]):
            // With one metric name, dropping it cannot make two results coincide, so leaving
            // out rows cannot hide the duplicate-series error Prometheus would raise.
            return try evaluateOverWindows(call, grid, keeping: filter)
        case .parentheses(let inner, _):
            return try vectors(inner, grid, keeping: filter)
        default:
            return try vectors(node, grid)
        }
    }

    /// Whether a range argument is a selector with a `__name__="…"` matcher.
    static func selectsOneMetricName(_ argument: Node) -> Bool {
        guard case .matrixSelector(let matrix) = argument.withoutParentheses else { return false }
        return matrix.selector.matchers.contains { $0.name == "__name__" && $0.kind == .equal }
    }

    /// The filter a comparison with a scalar applies (not with `bool`, which keeps every value).
    static func comparisonFilter(_ operation: BinaryOperation, _ scalar: [Double], scalarOnLeft: Bool) -> StepFilter? {
        let op = operation.op
        guard op.isComparison, !operation.returnsBool else { return nil }
        return StepFilter(op: op, scalar: scalar, scalarOnLeft: scalarOnLeft)
    }
}
