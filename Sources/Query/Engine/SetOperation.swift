import TimeSeries

/// `and`, `or` and `unless`, matched step by step on match groups; results keep the labels of
/// the series they come from.
struct SetOperation {
    private let op: BinaryOperator
    private let lhs: StepVectors
    private let rhs: StepVectors
    private let signatures: MatchSignatures

    init(_ operation: BinaryOperation, _ lhs: StepVectors, _ rhs: StepVectors) {
        op = operation.op
        self.lhs = lhs
        self.rhs = rhs
        signatures = MatchSignatures(operation.matching, lhs, rhs)
    }

    func result() throws(QueryError) -> StepVectors {
        var collector = SeriesCollector(stepCount: lhs.stepCount)
        var leftRows = Array(repeating: -1, count: lhs.rowCount)
        var rightRows = Array(repeating: -1, count: rhs.rowCount)
        for step in 0..<lhs.stepCount {
            let leftGroups = present(lhs, signatures.left, step)
            let rightGroups = present(rhs, signatures.right, step)
            for row in 0..<lhs.rowCount {
                guard let value = lhs.value(row: row, step: step) else { continue }
                let matched = rightGroups.contains(signatures.left[row])
                guard op == .or || (op == .and) == matched else { continue }
                if leftRows[row] < 0 { leftRows[row] = collector.row(for: lhs.labels[row]) }
                try collector.add(value, row: leftRows[row], step: step)
            }
            guard op == .or else { continue }
            for row in 0..<rhs.rowCount where !leftGroups.contains(signatures.right[row]) {
                guard let value = rhs.value(row: row, step: step) else { continue }
                if rightRows[row] < 0 { rightRows[row] = collector.row(for: rhs.labels[row]) }
                try collector.add(value, row: rightRows[row], step: step)
            }
        }
        return collector.result
    }

    /// The match groups with a value at the step.
    private func present(_ side: StepVectors, _ groups: [Int], _ step: Int) -> Set<Int> {
        var result: Set<Int> = []
        for row in 0..<side.rowCount where side.value(row: row, step: step) != nil { result.insert(groups[row]) }
        return result
    }
}
