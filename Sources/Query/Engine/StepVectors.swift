import TimeSeries

/// The value of an instant-vector expression at every step of a grid: one row per series, and
/// per step a value or a gap. Rows are stored densely, row after row, so a single-step query
/// costs one value per series and a range query needs no per-series arrays.
struct StepVectors {
    let stepCount: Int
    private(set) var labels: [Labels] = []
    private var values: [Double] = []
    private var present: [Bool] = []

    init(stepCount: Int) { self.stepCount = stepCount }

    var rowCount: Int { labels.count }

    func value(row: Int, step: Int) -> Double? {
        let index = row * stepCount + step
        return present[index] ? values[index] : nil
    }

    /// Adds a series computed step by step; nothing is added when it has no value at any step.
    /// Returns whether a row was added.
    @discardableResult
    mutating func appendRow(_ rowLabels: Labels, _ valueAt: (Int) throws(QueryError) -> Double?) throws(QueryError) -> Bool {
        var any = false
        for step in 0..<stepCount {
            if let value = try valueAt(step) {
                values.append(value)
                present.append(true)
                any = true
            } else {
                values.append(0)
                present.append(false)
            }
        }
        if any {
            labels.append(rowLabels)
        } else {
            values.removeLast(stepCount)
            present.removeLast(stepCount)
        }
        return any
    }

    /// Adds a series with the same value at every step.
    mutating func appendRow(_ rowLabels: Labels, constant value: Double) {
        labels.append(rowLabels)
        values.append(contentsOf: repeatElement(value, count: stepCount))
        present.append(contentsOf: repeatElement(true, count: stepCount))
    }

    /// Room for this many more series, to append without regrowing.
    mutating func reserveCapacity(rows: Int) {
        labels.reserveCapacity(labels.count + rows)
        values.reserveCapacity(values.count + rows * stepCount)
        present.reserveCapacity(present.count + rows * stepCount)
    }

    /// Adds a series with no values yet, for results filled in step by step.
    mutating func appendEmptyRow(_ rowLabels: Labels) -> Int {
        labels.append(rowLabels)
        values.append(contentsOf: repeatElement(0, count: stepCount))
        present.append(contentsOf: repeatElement(false, count: stepCount))
        return labels.count - 1
    }

    mutating func set(_ value: Double, row: Int, step: Int) {
        values[row * stepCount + step] = value
        present[row * stepCount + step] = true
    }

    /// The same series without those that never got a value.
    func withoutEmptyRows() -> StepVectors {
        reordered((0..<rowCount).filter { row in (0..<stepCount).contains { present[row * stepCount + $0] } })
    }

    /// The given rows in the given order.
    func reordered(_ order: [Int]) -> StepVectors {
        var result = StepVectors(stepCount: stepCount)
        for row in order {
            result.labels.append(labels[row])
            result.values.append(contentsOf: values[row * stepCount..<(row + 1) * stepCount])
            result.present.append(contentsOf: present[row * stepCount..<(row + 1) * stepCount])
        }
        return result
    }

    /// True when no series has a value at the step.
    func isEmpty(atStep step: Int) -> Bool {
        !(0..<rowCount).contains { present[$0 * stepCount + step] }
    }
}
