import TimeSeries

extension Evaluator {
    /// A function over a range vector: one value per series and step from that step's window.
    /// A filter leaves out the values it rejects (see `StepFilter`); the caller makes sure the
    /// series have one metric name.
    func evaluateOverWindows(_ call: FunctionCall, _ grid: StepGrid, keeping filter: StepFilter? = nil) throws(QueryError)
        -> StepVectors
    {
        let source = try ranges(call.arguments[0], grid)
        let argument = call.arguments.count > 1 ? try scalars(call.arguments[1], grid) : nil
        if call.function == .absentOverTime { return try absentOverTime(call, source, grid) }
        // last_over_time only picks a sample, so like offset it keeps the metric name.
        let keepsName = call.function == .lastOverTime
        var result = StepVectors(stepCount: grid.count)
        var names: Set<String> = []
        var values = [Double?](repeating: nil, count: grid.count)
        var bounds = WindowBounds(times: source.times, range: source.range)
        let fits = RegressionTimes.fits(call.function)
        var fitter = RegressionFitter(call.function, stepCount: fits ? grid.count : 0, argument: argument, filter: filter)
        /// A batched fit's row: it has a value at the single step.
        func append(_ stored: StoredSeries, value: Double) throws(QueryError) {
            try result.appendRow(keepsName ? stored.labels : stored.labels.withoutMetricName) { _ in value }
            names.insert(stored.labels.name)
        }
        // Through the buffers, so reading each of a million series costs no reference counting.
        try source.series.withUnsafeBufferPointer { (series) throws(QueryError) in
            for index in series.indices {
                var any = false
                // Borrowed, not retained: `series` keeps every series alive.
                Unmanaged.passUnretained(series[index])._withUnsafeGuaranteedRef { stored in
                    stored.timestamps.withUnsafeBufferPointer { times in
                        stored.values.withUnsafeBufferPointer { samples in
                            let sameTimes = bounds.update(for: times)
                            for step in 0..<grid.count {
                                let positions = bounds.positions[step]
                                let windowValues = UnsafeBufferPointer(rebasing: samples[positions])
                                var value: Double?
                                if positions.isEmpty {
                                    value = nil
                                } else if fits, !windowValues.contains(where: StoredSeries.isStaleMarker) {
                                    if windowValues.count >= 2 {
                                        value = fitter.fit(
                                            row: index, windowTimes: UnsafeBufferPointer(rebasing: times[positions]),
                                            values: windowValues, step: step, evaluationTime: grid.time(step), sameTimes: sameTimes)
                                    }
                                } else {
                                    // Rows go in series order: a batch's come first.
                                    if fits { fitter.flush() }
                                    // The window as slices, without its staleness markers.
                                    let window = source.window(of: stored, positions: positions, step: step)
                                    if !window.isEmpty {
                                        value = call.function.evaluate(
                                            window, evaluationTime: grid.time(step), argument: argument?[step])
                                    }
                                }
                                if let found = value, let filter, !filter.keep(found, step) { value = nil }
                                values[step] = value
                                any = any || value != nil
                            }
                        }
                    }
                }
                if !fitter.ready.isEmpty {
                    for (row, value) in fitter.ready { try append(series[row], value: value) }
                    fitter.clearReady()
                }
                // Labels are only read (and the name only dropped) for series with a value.
                guard any else { continue }
                let labels = series[index].labels
                try result.appendRow(keepsName ? labels : labels.withoutMetricName) { values[$0] }
                names.insert(labels.name)
            }
            fitter.flush()
            for (row, value) in fitter.ready { try append(series[row], value: value) }
        }
        // Prometheus refuses a range-function result with two series of one label set, even
        // when their steps do not overlap; that can only happen once names are dropped.
        if !keepsName, names.count > 1, Set(result.labels).count < result.rowCount {
            throw .evaluation("vector cannot contain metrics with the same labelset")
        }
        return result
    }

    /// 1 at the steps where no series has a sample in its window, labelled from the selector's
    /// equality matchers.
    private func absentOverTime(
        _ call: FunctionCall, _ source: RangeSource, _ grid: StepGrid
    ) throws(QueryError) -> StepVectors {
        var result = StepVectors(stepCount: grid.count)
        let labels = Evaluator.absentLabels(of: call.arguments[0])
        try result.appendRow(labels) { step in
            source.series.indices.contains { !source.window($0, step: step).isEmpty } ? nil : 1
        }
        return result
    }

    /// The labels `absent` and `absent_over_time` give: those of the selector's `=` matchers,
    /// except the metric name and any label matched more than once or otherwise.
    static func absentLabels(of argument: Node) -> Labels {
        let matchers: [LabelMatcher]
        switch argument.withoutParentheses {
        case .vectorSelector(let selector): matchers = selector.matchers
        case .matrixSelector(let matrix): matchers = matrix.selector.matchers
        default: return Labels()
        }
        var labels = Labels()
        var seen: Set<String> = []
        for matcher in matchers where matcher.name != Labels.metricName {
            if matcher.kind == .equal && !seen.contains(matcher.name) {
                labels.set(matcher.name, matcher.value)
                seen.insert(matcher.name)
            } else {
                labels.set(matcher.name, "")
            }
        }
        return labels
    }
}
