import TimeSeries

/// The match group of every series on both sides of a vector operation: the labels listed in
/// `on(…)`, or all but those in `ignoring(…)` and the metric name. Groups are numbered once per
/// operation, so each step matches by integer.
struct MatchSignatures {
    let left: [Int]
    let right: [Int]
    let count: Int

    init(_ matching: VectorMatching, _ lhs: StepVectors, _ rhs: StepVectors) {
        var numbering = GroupNumbering(MatchSignatures.projection(matching))
        func number(_ labels: Labels) -> Int { numbering.number(labels) }
        left = lhs.labels.map(number)
        right = rhs.labels.map(number)
        count = numbering.count
    }

    /// What decides which series match: the `on` labels, or all but the `ignoring` labels and
    /// the metric name.
    static func projection(_ matching: VectorMatching) -> LabelProjection {
        matching.on
            ? LabelProjection(matching.labels, keeping: true)
            : LabelProjection(matching.labels + [Labels.metricName], keeping: false)
    }
}
