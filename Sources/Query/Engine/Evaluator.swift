import TimeSeries

/// One evaluation of one parsed query. Each node is evaluated once over a whole grid of steps,
/// as Prometheus's engine does, so selectors read the store once however many steps there are.
struct Evaluator {
    let reader: any SeriesReader
    let lookback: Int64
    let defaultSubqueryStep: Int64
    /// The query's own start and end, which `@ start()` and `@ end()` name at any depth.
    let queryStart: Int64
    let queryEnd: Int64

    /// An instant-vector expression at every step.
    func vectors(_ node: Node, _ grid: StepGrid) throws(QueryError) -> StepVectors {
        switch node {
        case .vectorSelector(let selector):
            return try select(selector, grid)
        case .call(let call):
            return try evaluate(call, grid)
        case .aggregation(let aggregation):
            return try aggregate(aggregation, grid)
        case .binary(let operation):
            return try evaluate(operation, grid)
        case .unary(let operation):
            let operand = try vectors(operation.operand, grid)
            return operation.negates ? try operand.mapValuesDroppingName { value, _ in -value } : operand
        case .parentheses(let inner, _):
            return try vectors(inner, grid)
        case .number, .string, .matrixSelector, .subquery:
            preconditionFailure("the type checker lets only instant vectors get here")
        }
    }

    /// A scalar expression at every step.
    func scalars(_ node: Node, _ grid: StepGrid) throws(QueryError) -> [Double] {
        switch node {
        case .number(let value, _):
            return Array(repeating: value, count: grid.count)
        case .call(let call) where call.function == .time:
            return (0..<grid.count).map { Double(grid.time($0)) / 1000 }
        case .call(let call):
            // `scalar(v)`: the value of a single-element vector, NaN otherwise.
            let input = try vectors(call.arguments[0], grid)
            return (0..<grid.count).map { step in
                var found: Double?
                for row in 0..<input.rowCount {
                    guard let value = input.value(row: row, step: step) else { continue }
                    if found != nil { return .nan }
                    found = value
                }
                return found ?? .nan
            }
        case .binary(let operation):
            let lhs = try scalars(operation.lhs, grid)
            let rhs = try scalars(operation.rhs, grid)
            return zip(lhs, rhs).map { operation.op.scalarResult($0, $1) }
        case .unary(let operation):
            let operand = try scalars(operation.operand, grid)
            return operation.negates ? operand.map { -$0 } : operand
        case .parentheses(let inner, _):
            return try scalars(inner, grid)
        case .string, .vectorSelector, .matrixSelector, .subquery, .aggregation:
            preconditionFailure("the type checker lets only scalars get here")
        }
    }

    /// A range-vector expression, ready to be windowed step by step.
    func ranges(_ node: Node, _ grid: StepGrid) throws(QueryError) -> RangeSource {
        switch node {
        case .matrixSelector(let matrix): return try select(matrix, grid)
        case .subquery(let subquery): return try evaluate(subquery, grid)
        case .parentheses(let inner, _): return try ranges(inner, grid)
        default: preconditionFailure("the type checker lets only range vectors get here")
        }
    }

    /// A string expression (strings do not vary by step).
    func string(_ node: Node) -> String {
        switch node {
        case .string(let value, _): value
        case .parentheses(let inner, _): string(inner)
        default: preconditionFailure("the type checker lets only strings get here")
        }
    }

    /// The time an `@` modifier pins to, if any.
    func pinnedTime(_ at: AtModifier?) -> Int64? {
        switch at {
        case .timestamp(let time): time
        case .start: queryStart
        case .end: queryEnd
        case nil: nil
        }
    }

    /// Series from the reader, its failures reported as query errors.
    func fetch(_ matchers: [LabelMatcher], from: Int64, through: Int64) throws(QueryError) -> [StoredSeries] {
        do {
            return try reader.series(
                matching: matchers, from: Timestamp(milliseconds: from), through: Timestamp(milliseconds: through))
        } catch {
            throw .storage(String(describing: error))
        }
    }
}
