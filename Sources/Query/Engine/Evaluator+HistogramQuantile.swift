import TimeSeries

extension Evaluator {
    /// `histogram_quantile(φ, buckets)` over classic histograms: series that differ only in
    /// `le` form one histogram; the result drops `le` and the metric name. Series whose `le`
    /// is not a number are ignored.
    func histogramQuantile(_ quantiles: [Double], _ input: StepVectors) throws(QueryError) -> StepVectors {
        var histogramByLabels: [Labels: Int] = [:]
        var histogramLabels: [Labels] = []
        var members: [[(row: Int, upperBound: Double)]] = []
        for row in 0..<input.rowCount {
            let labels = input.labels[row]
            guard let upperBound = labels["le"].flatMap(GoFloatParse.value) else { continue }
            let identity = labels.setting("le", "")
            let index: Int
            if let known = histogramByLabels[identity] {
                index = known
            } else {
                index = histogramLabels.count
                histogramByLabels[identity] = index
                histogramLabels.append(identity.withoutMetricName)
                members.append([])
            }
            members[index].append((row, upperBound))
        }
        var collector = SeriesCollector(stepCount: input.stepCount)
        for (index, buckets) in members.enumerated() {
            var output: Int?
            for step in 0..<input.stepCount {
                let present = buckets.compactMap { member in
                    input.value(row: member.row, step: step).map { Quantiles.Bucket(upperBound: member.upperBound, count: $0) }
                }
                guard !present.isEmpty else { continue }
                let row = output ?? collector.row(for: histogramLabels[index])
                output = row
                try collector.add(Quantiles.bucketQuantile(quantiles[step], present), row: row, step: step)
            }
        }
        return collector.result
    }
}
