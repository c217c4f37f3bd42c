import TimeSeries

extension Evaluator {
    /// An aggregation, step by step over the series present at each step.
    func aggregate(_ aggregation: Aggregation, _ grid: StepGrid) throws(QueryError) -> StepVectors {
        let input = try vectors(aggregation.expression, grid)
        guard let parameter = aggregation.parameter else { return reduce(aggregation, input, nil) }
        switch aggregation.op {
        case .topk, .bottomk: return try selectTop(aggregation, input, scalars(parameter, grid))
        case .countValues: return try countValues(aggregation, input, label: string(parameter))
        default: return reduce(aggregation, input, try scalars(parameter, grid))
        }
    }

    /// `sum`, `avg`, `count`, `min`, `max`, `group`, `stddev`, `stdvar`, `quantile`: one series
    /// per group, labelled with the group's labels.
    private func reduce(_ aggregation: Aggregation, _ input: StepVectors, _ parameters: [Double]?) -> StepVectors {
        let groups = AggregationGroups(aggregation, input.labels)
        var result = StepVectors(stepCount: input.stepCount)
        var outputRows = Array(repeating: -1, count: groups.labels.count)
        for step in 0..<input.stepCount {
            var accumulators = [GroupAccumulator?](repeating: nil, count: groups.labels.count)
            for row in 0..<input.rowCount {
                guard let value = input.value(row: row, step: step) else { continue }
                let group = groups.groupOfRow[row]
                if accumulators[group] == nil {
                    accumulators[group] = GroupAccumulator(aggregation.op, first: value)
                } else {
                    accumulators[group]?.add(value)
                }
            }
            for (group, accumulator) in accumulators.enumerated() {
                guard let accumulator else { continue }
                if outputRows[group] < 0 { outputRows[group] = result.appendEmptyRow(groups.labels[group]) }
                result.set(accumulator.result(parameters?[step] ?? 0), row: outputRows[group], step: step)
            }
        }
        return result
    }

    /// `topk`, `bottomk`: the k largest or smallest series of each group, labels unchanged;
    /// in an instant query group by group, best first.
    private func selectTop(_ aggregation: Aggregation, _ input: StepVectors, _ limits: [Double]) throws(QueryError) -> StepVectors {
        var result = StepVectors(stepCount: input.stepCount)
        guard limits.contains(where: { $0 >= 1 }) || limits.contains(where: \.isNaN) else { return result }
        if limits.contains(where: \.isNaN) { throw .evaluation("Parameter value is NaN") }
        if let low = limits.first(where: { $0 <= -9.223372036854775807e18 }) {
            throw .evaluation("Scalar value \(low) underflows int64")
        }
        if let high = limits.first(where: { $0 >= 9.223372036854775807e18 }) {
            throw .evaluation("Scalar value \(high) overflows int64")
        }
        let groups = AggregationGroups(aggregation, input.labels)
        var outputRows = Array(repeating: -1, count: input.rowCount)
        for step in 0..<input.stepCount {
            let limit = min(Int(limits[step]), input.rowCount)
            guard limit >= 1 else { continue }
            var selections = [TopKSelection?](repeating: nil, count: groups.labels.count)
            for row in 0..<input.rowCount {
                guard let value = input.value(row: row, step: step) else { continue }
                let group = groups.groupOfRow[row]
                if selections[group] == nil {
                    selections[group] = TopKSelection(limit: limit, largest: aggregation.op == .topk)
                }
                selections[group]?.offer(row: row, value: value)
            }
            for selection in selections {
                for (row, value) in selection?.ordered ?? [] {
                    if outputRows[row] < 0 { outputRows[row] = result.appendEmptyRow(input.labels[row]) }
                    result.set(value, row: outputRows[row], step: step)
                }
            }
        }
        return result
    }

    /// `count_values("label", v)`: per group, how many series have each value, the value
    /// (formatted as Go formats floats) becoming a label.
    private func countValues(_ aggregation: Aggregation, _ input: StepVectors, label: String) throws(QueryError) -> StepVectors {
        guard !label.isEmpty else { throw .evaluation("invalid label name \(GoQuote.string(label))") }
        let projection = LabelProjection(
            aggregation.grouping + [aggregation.without ? Labels.metricName : label], keeping: !aggregation.without)
        var result = StepVectors(stepCount: input.stepCount)
        var rowByLabels: [Labels: Int] = [:]
        for step in 0..<input.stepCount {
            var counts: [Int: Double] = [:]
            for row in 0..<input.rowCount {
                guard let value = input.value(row: row, step: step) else { continue }
                let labels = input.labels[row].setting(label, GoFloatFormat.fixed(value))
                let group = projection.apply(labels)
                let output = rowByLabels[group] ?? result.appendEmptyRow(group)
                rowByLabels[group] = output
                counts[output, default: 0] += 1
            }
            for (row, count) in counts { result.set(count, row: row, step: step) }
        }
        return result
    }
}
