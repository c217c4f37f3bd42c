public import TimeSeries

/// Evaluates PromQL over a series reader, with Prometheus 3's semantics.
///
/// Parse once with `parse`, then evaluate the `Expr` as often as needed: rules evaluate the
/// same expressions every cycle.
public struct QueryEngine: Sendable {
    public let reader: any SeriesReader
    public var options: QueryOptions

    /// Prometheus's limit on the steps of one range query.
    private static let maximumSteps = 11_000

    public init(reader: any SeriesReader, options: QueryOptions = QueryOptions()) {
        self.reader = reader
        self.options = options
    }

    /// Parses and type-checks query text.
    public static func parse(_ text: String) throws(QueryError) -> Expr {
        Expr(root: try Parser.parse(text), text: text)
    }

    /// The expression's value at one instant, as `/api/v1/query` gives it.
    public func instant(_ expr: Expr, at time: Timestamp) throws(QueryError) -> QueryValue {
        let evaluator = evaluator(start: time, end: time)
        let grid = StepGrid(at: time.milliseconds)
        switch expr.valueType {
        case .scalar:
            return .scalar(t: time, v: try evaluator.scalars(expr.root, grid)[0])
        case .string:
            return .string(t: time, s: evaluator.string(expr.root))
        case .vector:
            let result = try evaluator.vectors(expr.root, grid)
            return .vector(
                (0..<result.rowCount).compactMap { row in
                    result.value(row: row, step: 0).map { VectorSample(labels: result.labels[row], t: time, v: $0) }
                })
        case .matrix:
            let source = try evaluator.ranges(expr.root, grid)
            return .matrix(
                source.series.indices.compactMap { index in
                    let window = source.window(index, step: 0)
                    guard !window.isEmpty else { return nil }
                    let points = zip(window.timestamps, window.values).map { Point(t: Timestamp(milliseconds: $0), v: $1) }
                    return RangeSeries(labels: source.series[index].labels, points: points)
                })
        }
    }

    /// Parses and evaluates query text at one instant.
    public func instant(_ text: String, at time: Timestamp) throws(QueryError) -> QueryValue {
        try instant(QueryEngine.parse(text), at: time)
    }

    /// The expression at every step from `start` to `end`, as `/api/v1/query_range` gives it:
    /// a matrix, its series in label order.
    public func range(_ expr: Expr, start: Timestamp, end: Timestamp, step: PromDuration) throws(QueryError) -> QueryValue {
        guard step.milliseconds > 0 else {
            throw .evaluation("zero or negative query resolution step widths are not accepted. Try a positive integer")
        }
        guard end >= start else { throw .evaluation("end timestamp must not be before start time") }
        guard (end.milliseconds - start.milliseconds) / step.milliseconds < QueryEngine.maximumSteps else {
            throw .evaluation(
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")
        }
        let evaluator = evaluator(start: start, end: end)
        let grid = StepGrid(start: start.milliseconds, end: end.milliseconds, interval: step.milliseconds)
        let result: StepVectors
        switch expr.valueType {
        case .scalar:
            let values = try evaluator.scalars(expr.root, grid)
            var series = StepVectors(stepCount: grid.count)
            try series.appendRow(Labels()) { values[$0] }
            result = series
        case .vector:
            result = try evaluator.vectors(expr.root, grid)
        case .matrix, .string:
            throw .evaluation(
                "invalid expression type \"\(expr.valueType.documentedName)\" for range query, must be Scalar or instant Vector")
        }
        let series = (0..<result.rowCount).map { row in
            RangeSeries(
                labels: result.labels[row],
                points: (0..<grid.count).compactMap { step in
                    result.value(row: row, step: step).map { Point(t: Timestamp(milliseconds: grid.time(step)), v: $0) }
                })
        }
        return .matrix(series.sorted { Labels.precedes($0.labels, $1.labels) })
    }

    /// Parses and evaluates query text over a range.
    public func range(_ text: String, start: Timestamp, end: Timestamp, step: PromDuration) throws(QueryError) -> QueryValue {
        try range(QueryEngine.parse(text), start: start, end: end, step: step)
    }

    private func evaluator(start: Timestamp, end: Timestamp) -> Evaluator {
        Evaluator(
            reader: reader, lookback: options.lookbackDelta.milliseconds,
            defaultSubqueryStep: options.defaultSubqueryStep.milliseconds,
            queryStart: start.milliseconds, queryEnd: end.milliseconds)
    }
}
