import TimeSeries

/// Builds a result from series whose label sets may coincide: such series become one, and two
/// values for one label set at one step are refused, as Prometheus refuses them.
struct SeriesCollector {
    private(set) var result: StepVectors
    private var rowByLabels: [Labels: Int] = [:]

    init(stepCount: Int) { result = StepVectors(stepCount: stepCount) }

    /// The row of a label set, created on first use.
    mutating func row(for labels: Labels) -> Int {
        if let row = rowByLabels[labels] { return row }
        let row = result.appendEmptyRow(labels)
        rowByLabels[labels] = row
        return row
    }

    mutating func add(_ value: Double, row: Int, step: Int) throws(QueryError) {
        guard result.value(row: row, step: step) == nil else {
            throw .evaluation("vector cannot contain metrics with the same labelset")
        }
        result.set(value, row: row, step: step)
    }
}
