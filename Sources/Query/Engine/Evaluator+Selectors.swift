import TimeSeries

extension Evaluator {
    /// An instant selector: at each step the latest sample at most `lookback` old (the window is
    /// left-open), unless that sample is a staleness marker. With `sampleTimes`, the sample's
    /// time in seconds instead of its value, for `timestamp()`.
    /// A filter leaves out the values it rejects (see `StepFilter`).
    func select(
        _ selector: VectorSelector, _ grid: StepGrid, sampleTimes: Bool = false, keeping filter: StepFilter? = nil
    ) throws(QueryError) -> StepVectors {
        let times = ReferenceTimes(grid: grid, pinned: pinnedTime(selector.at), offset: selector.offset)
        var result = StepVectors(stepCount: grid.count)
        if let filter, grid.count == 1, !sampleTimes {
            // An instant threshold: the reader hands over only the samples that pass.
            let samples: [LatestSample]
            do {
                samples = try reader.latestSamples(
                    matching: selector.matchers, at: Timestamp(milliseconds: times.time(0)),
                    lookback: PromDuration(milliseconds: lookback), keep: { filter.keep($0, 0) })
            } catch {
                throw .storage(String(describing: error))
            }
            for sample in samples { result.appendRow(sample.labels, constant: sample.value) }
            return result
        }
        let series = try fetch(selector.matchers, from: times.earliest - lookback + 1, through: times.latest)
        if let filter { return try select(series, times, filter: filter, sampleTimes: sampleTimes, into: result) }
        result.reserveCapacity(rows: series.count)
        for index in series.indices {
            if times.isConstant {
                // One lookup serves every step (an instant query, or `@`).
                guard let value = latestSample(of: series[index], at: times.time(0), sampleTime: sampleTimes) else { continue }
                result.appendRow(series[index].labels, constant: value)
            } else {
                try result.appendRow(series[index].labels) { step in
                    latestSample(of: series[index], at: times.time(step), sampleTime: sampleTimes)
                }
            }
        }
        return result
    }

    /// A range selector: the series with the samples every step's window needs.
    func select(_ matrix: MatrixSelector, _ grid: StepGrid) throws(QueryError) -> RangeSource {
        let times = ReferenceTimes(grid: grid, pinned: pinnedTime(matrix.selector.at), offset: matrix.selector.offset)
        let series = try fetch(matrix.selector.matchers, from: times.earliest - matrix.range + 1, through: times.latest)
        return RangeSource(series: series, range: matrix.range, times: times)
    }

    /// A subquery: the inner expression evaluated at multiples of the step (aligned to the
    /// epoch, as Prometheus aligns them) covering every window, then windowed like a selector.
    func evaluate(_ subquery: Subquery, _ grid: StepGrid) throws(QueryError) -> RangeSource {
        let times = ReferenceTimes(grid: grid, pinned: pinnedTime(subquery.at), offset: subquery.offset)
        let step = subquery.step ?? defaultSubqueryStep
        let excludedStart = times.earliest - subquery.range
        var innerStart = excludedStart / step * step
        if innerStart <= excludedStart { innerStart += step }
        let inner = StepGrid(start: innerStart, end: times.latest, interval: step)
        guard inner.count > 0 else { return RangeSource(series: [], range: subquery.range, times: times) }
        let values = try vectors(subquery.expression, inner)
        let series = (0..<values.rowCount).map { row in
            let steps = (0..<inner.count).filter { values.value(row: row, step: $0) != nil }
            return StoredSeries(
                labels: values.labels[row], timestamps: steps.map(inner.time),
                values: steps.map { values.value(row: row, step: $0) ?? 0 })
        }
        return RangeSource(series: series, range: subquery.range, times: times)
    }

    /// The filtered selection: a row only for series with a value that passes at some step,
    /// so the label sets of the rest are never touched.
    private func select(
        _ series: [StoredSeries], _ times: ReferenceTimes, filter: StepFilter, sampleTimes: Bool, into result: StepVectors
    ) throws(QueryError) -> StepVectors {
        var result = result
        for stored in series {
            if times.isConstant {
                guard let value = latestSample(of: stored, at: times.time(0), sampleTime: sampleTimes),
                    (0..<result.stepCount).contains(where: { filter.keep(value, $0) })
                else { continue }
                try result.appendRow(stored.labels) { step in filter.keep(value, step) ? value : nil }
            } else {
                try result.appendRow(stored.labels) { step in
                    latestSample(of: stored, at: times.time(step), sampleTime: sampleTimes).flatMap { filter.keep($0, step) ? $0 : nil }
                }
            }
        }
        return result
    }

    private func latestSample(of stored: StoredSeries, at time: Int64, sampleTime: Bool) -> Double? {
        let index = stored.timestamps.indexAfter(time) - 1
        guard index >= 0, stored.timestamps[index] > time - lookback else { return nil }
        let value = stored.values[index]
        guard !StoredSeries.isStaleMarker(value) else { return nil }
        return sampleTime ? Double(stored.timestamps[index]) / 1000 : value
    }
}
