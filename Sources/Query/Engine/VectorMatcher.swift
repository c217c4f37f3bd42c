import TimeSeries

/// Arithmetic and comparisons between two instant vectors: each series of the "many" side is
/// paired, step by step, with the one series of its match group on the "one" side.
struct VectorMatcher {
    private let operation: BinaryOperation
    private let many: StepVectors
    private let one: StepVectors
    private let manyGroups: [Int]
    private let oneGroups: [Int]
    private let groupCount: Int
    /// `group_right` swaps the sides: the right is then the "many" side.
    private let swapped: Bool
    /// One-to-one results keep only the `on` labels, or drop the `ignoring` ones.
    private let narrowing: LabelProjection?

    init(_ operation: BinaryOperation, _ lhs: StepVectors, _ rhs: StepVectors) {
        self.operation = operation
        let signatures = MatchSignatures(operation.matching, lhs, rhs)
        swapped = operation.matching.cardinality == .oneToMany
        (many, one) = swapped ? (rhs, lhs) : (lhs, rhs)
        (manyGroups, oneGroups) = swapped ? (signatures.right, signatures.left) : (signatures.left, signatures.right)
        groupCount = signatures.count
        let matching = operation.matching
        narrowing = matching.cardinality == .oneToOne ? LabelProjection(matching.labels, keeping: matching.on) : nil
    }

    func result() throws(QueryError) -> StepVectors {
        if many.stepCount == 1, operation.matching.cardinality == .oneToOne { return try instantOneToOne() }
        var collector = SeriesCollector(stepCount: many.stepCount)
        var outputRows: [Int: Int] = [:]
        var oneRowOfGroup = Array(repeating: -1, count: groupCount)
        for step in 0..<many.stepCount {
            for row in 0..<one.rowCount where one.value(row: row, step: step) != nil {
                let group = oneGroups[row]
                if oneRowOfGroup[group] >= 0 { throw duplicateOnOneSide(row, oneRowOfGroup[group]) }
                oneRowOfGroup[group] = row
            }
            var matchedGroups: Set<Int> = []
            var outputsOfGroup: [Int: Set<Int>] = [:]
            for manyRow in 0..<many.rowCount {
                guard let manyValue = many.value(row: manyRow, step: step) else { continue }
                let group = manyGroups[manyRow]
                let oneRow = oneRowOfGroup[group]
                guard oneRow >= 0, let oneValue = one.value(row: oneRow, step: step) else { continue }
                let pair = manyRow * one.rowCount + oneRow
                let output = outputRows[pair] ?? collector.row(for: resultLabels(many.labels[manyRow], one.labels[oneRow]))
                outputRows[pair] = output
                if operation.matching.cardinality == .oneToOne {
                    guard matchedGroups.insert(group).inserted else {
                        throw .evaluation(
                            "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")
                    }
                } else if !outputsOfGroup[group, default: []].insert(output).inserted {
                    throw .evaluation("multiple matches for labels: grouping labels must ensure unique matches")
                }
                let (lhs, rhs) = swapped ? (oneValue, manyValue) : (manyValue, oneValue)
                let (value, keep) = operation.op.apply(lhs, rhs)
                if operation.returnsBool {
                    try collector.add(keep ? 1 : 0, row: output, step: step)
                } else if keep {
                    try collector.add(value, row: output, step: step)
                }
            }
            for row in 0..<one.rowCount where one.value(row: row, step: step) != nil { oneRowOfGroup[oneGroups[row]] = -1 }
        }
        return collector.result.withoutEmptyRows()
    }

    /// One-to-one at a single step (`a / b` in a rule): each group has at most one series per
    /// side, and the result labels of different groups differ (they are the group, or the
    /// group plus the metric name), so rows go straight into the result, in the left side's
    /// order, without a table of label sets.
    private func instantOneToOne() throws(QueryError) -> StepVectors {
        var oneRowOfGroup = Array(repeating: -1, count: groupCount)
        for row in 0..<one.rowCount where one.value(row: row, step: 0) != nil {
            let group = oneGroups[row]
            if oneRowOfGroup[group] >= 0 { throw duplicateOnOneSide(row, oneRowOfGroup[group]) }
            oneRowOfGroup[group] = row
        }
        var matched = Array(repeating: false, count: groupCount)
        var result = StepVectors(stepCount: 1)
        for manyRow in 0..<many.rowCount {
            guard let manyValue = many.value(row: manyRow, step: 0) else { continue }
            let group = manyGroups[manyRow]
            let oneRow = oneRowOfGroup[group]
            guard oneRow >= 0, let oneValue = one.value(row: oneRow, step: 0) else { continue }
            guard !matched[group] else {
                throw .evaluation("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")
            }
            matched[group] = true
            let (value, keep) = operation.op.apply(manyValue, oneValue)
            if operation.returnsBool {
                result.appendRow(resultLabels(many.labels[manyRow], one.labels[oneRow]), constant: keep ? 1 : 0)
            } else if keep {
                result.appendRow(resultLabels(many.labels[manyRow], one.labels[oneRow]), constant: value)
            }
        }
        return result
    }

    /// The labels of a result: the "many" side's, without the metric name for arithmetic and
    /// `bool`, narrowed to the match labels for one-to-one matching, plus the `group_x` labels
    /// copied from the "one" side.
    private func resultLabels(_ manyLabels: Labels, _ oneLabels: Labels) -> Labels {
        let matching = operation.matching
        var labels = manyLabels
        if operation.op.dropsMetricName || operation.returnsBool { labels = labels.withoutMetricName }
        if let narrowing, !narrowing.isIdentity { labels = narrowing.apply(labels) }
        for name in matching.include { labels.set(name, oneLabels[name] ?? "") }
        return labels
    }

    private func duplicateOnOneSide(_ row: Int, _ earlier: Int) -> QueryError {
        let group = MatchSignatures.projection(operation.matching).apply(one.labels[row])
        return .evaluation(
            "found duplicate series for the match group \(group.prometheusText) on the \(swapped ? "left" : "right") "
                + "hand-side of the operation: [\(one.labels[row].prometheusText), \(one.labels[earlier].prometheusText)]"
                + ";many-to-many matching not allowed: matching labels must be unique on one side")
    }
}

extension Labels {
    /// `{__name__="up", job="a"}`, as Prometheus prints label sets in error messages.
    var prometheusText: String {
        "{" + map { $0.name + "=" + GoQuote.string($0.value) }.joined(separator: ", ") + "}"
    }
}
