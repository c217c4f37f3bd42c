import TimeSeries

/// The match group of every series on both sides of a vector operation: the labels listed in
/// `on(…)`, or all but those in `ignoring(…)` and the metric name. Groups are numbered once per
/// operation, so each step matches by integer.
struct MatchSignatures {
    let left: [Int]
    let right: [Int]
    let count: Int

    init(_ matching: VectorMatching, _ lhs: StepVectors, _ rhs: StepVectors) {
        let projection = MatchSignatures.projection(matching)
        // Groups are found by a hash of the projected labels, computed without building them
        // (a join against every node's info series would otherwise allocate a label set per
        // series); a hash shared by different groups is told apart by comparing labels.
        var groupsOfHash: [UInt64: [(labels: Labels, number: Int)]] = [:]
        var count = 0
        func number(_ labels: Labels) -> Int {
            let hash = projection.hash(labels)
            if let candidates = groupsOfHash[hash] {
                for candidate in candidates where projection.sameProjection(candidate.labels, labels) { return candidate.number }
            }
            groupsOfHash[hash, default: []].append((labels, count))
            count += 1
            return count - 1
        }
        left = lhs.labels.map(number)
        right = rhs.labels.map(number)
        self.count = count
    }

    /// What decides which series match: the `on` labels, or all but the `ignoring` labels and
    /// the metric name.
    static func projection(_ matching: VectorMatching) -> LabelProjection {
        matching.on
            ? LabelProjection(matching.labels, keeping: true)
            : LabelProjection(matching.labels + [Labels.metricName], keeping: false)
    }
}
