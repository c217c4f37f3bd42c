import TimeSeries

/// The match group of every series on both sides of a vector operation: the labels listed in
/// `on(…)`, or all but those in `ignoring(…)` and the metric name. Groups are numbered once per
/// operation, so each step matches by integer.
struct MatchSignatures {
    let left: [Int]
    let right: [Int]
    let count: Int

    init(_ matching: VectorMatching, _ lhs: StepVectors, _ rhs: StepVectors) {
        var numbers: [Labels: Int] = [:]
        func number(_ labels: Labels) -> Int {
            let group = MatchSignatures.group(of: labels, matching)
            if let known = numbers[group] { return known }
            numbers[group] = numbers.count
            return numbers.count - 1
        }
        left = lhs.labels.map(number)
        right = rhs.labels.map(number)
        count = numbers.count
    }

    /// The labels that decide which series match.
    static func group(of labels: Labels, _ matching: VectorMatching) -> Labels {
        matching.on
            ? labels.keeping(Set(matching.labels))
            : labels.removing(Set(matching.labels + [Labels.metricName]))
    }
}
