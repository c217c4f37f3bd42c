/// One series resampled to the plot's columns: the peak of the points in each column, with
/// columns between two samples filled in along the line joining them.
///
/// A column stays empty (NaN) where the series has an explicit NaN, or where two neighbouring
/// samples are more than twice the series' usual spacing apart: that is missing data, and
/// drawing a line across it would invent values.
struct ChartColumns {
    private(set) var values: [Double]

    init(_ points: [ChartPoint], scale: TimeScale, columns: Int) {
        values = [Double](repeating: .nan, count: max(0, columns))
        var gapColumns = Set<Int>()
        var sampled: [(column: Int, time: Int64)] = []
        for point in points {
            guard let column = scale.column(for: point.time, columns: columns) else { continue }
            if point.value.isNaN || point.value == -.infinity {
                gapColumns.insert(column)
                continue
            }
            if values[column].isNaN || point.value > values[column] { values[column] = point.value }
            if sampled.last?.column != column { sampled.append((column, point.time.milliseconds)) }
        }
        fillBetween(sampled, gaps: gapColumns)
    }

    private mutating func fillBetween(_ sampled: [(column: Int, time: Int64)], gaps: Set<Int>) {
        guard sampled.count >= 2 else { return }
        let spacings = zip(sampled, sampled.dropFirst()).map { $1.time - $0.time }.sorted()
        let usual = spacings[spacings.count / 2]
        for (left, right) in zip(sampled, sampled.dropFirst()) where right.column - left.column > 1 {
            guard right.time - left.time <= 2 * usual else { continue }
            let between = (left.column + 1)..<right.column
            guard !between.contains(where: gaps.contains) else { continue }
            let start = values[left.column]
            let end = values[right.column]
            for column in between {
                let fraction = Double(column - left.column) / Double(right.column - left.column)
                values[column] = start + (end - start) * fraction
            }
        }
    }
}
