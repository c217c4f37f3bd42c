import TimeSeries

extension StepVectors {
    /// True when all series have the same metric name (or none), so dropping the names keeps
    /// their label sets distinct and no merging is needed.
    var hasOneMetricName: Bool {
        guard let first = labels.first?.name else { return true }
        return labels.allSatisfy { $0.name == first }
    }

    /// Each series transformed on its own: new labels, and a new value (or none) per step.
    /// `distinct` promises the new label sets differ; otherwise coinciding ones are merged.
    func mapRows(
        labels newLabels: (Labels) throws(QueryError) -> Labels, distinct: Bool,
        value newValue: (Double, Int) -> Double?
    ) throws(QueryError) -> StepVectors {
        if distinct {
            var result = StepVectors(stepCount: stepCount)
            for row in 0..<rowCount {
                try result.appendRow(try newLabels(labels[row])) { step in
                    value(row: row, step: step).flatMap { newValue($0, step) }
                }
            }
            return result
        }
        var collector = SeriesCollector(stepCount: stepCount)
        for row in 0..<rowCount {
            let rowLabels = try newLabels(labels[row])
            var target: Int?
            for step in 0..<stepCount {
                guard let old = value(row: row, step: step), let new = newValue(old, step) else { continue }
                let output = target ?? collector.row(for: rowLabels)
                target = output
                try collector.add(new, row: output, step: step)
            }
        }
        return collector.result
    }

    /// The values with the metric name dropped, as arithmetic and most functions do.
    func mapValuesDroppingName(_ newValue: (Double, Int) -> Double?) throws(QueryError) -> StepVectors {
        try mapRows(labels: { $0.withoutMetricName }, distinct: hasOneMetricName, value: newValue)
    }
}

extension Labels {
    var withoutMetricName: Labels { setting(Labels.metricName, "") }
}
