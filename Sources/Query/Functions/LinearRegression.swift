/// Least-squares fits for `deriv` and `predict_linear`.
enum LinearRegression {
    /// The sums of a fit that depend only on the samples' times: series scraped together share
    /// their sample times, so a fit over a million series can work these out once per window
    /// (see `RegressionTimes`) and sum only the values per series.
    struct TimeSums {
        var x: Double
        var x2: Double
    }

    /// Σx and Σx² with x the seconds from `interceptTime`, compensated as `fit` sums them.
    static func timeSums(_ times: UnsafeBufferPointer<Int64>, interceptTime: Int64) -> TimeSums {
        var sumX = KahanSum()
        var sumX2 = KahanSum()
        for time in times {
            let x = Double(time - interceptTime) / 1000
            sumX.add(x)
            sumX2.add(x * x)
        }
        return TimeSums(x: sumX.sum + sumX.compensation, x2: sumX2.sum + sumX2.compensation)
    }

    /// The slope per second and the value at `interceptTime` of the line that best fits the
    /// samples. Times are taken relative to `interceptTime` to keep the sums small and exact.
    /// `timeSums` must be `timeSums(times, interceptTime:)`; the accumulators are independent,
    /// so summing times apart from values gives the same bits as summing them together.
    static func fit(
        times: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>, interceptTime: Int64, timeSums: TimeSums
    ) -> (slope: Double, intercept: Double) {
        var sumY = KahanSum()
        var sumXY = KahanSum()
        let firstValue = values.first ?? 0
        var constant = true
        for index in values.indices {
            let value = values[index]
            if value != firstValue { constant = false }
            let x = Double(times[index] - interceptTime) / 1000
            sumY.add(value)
            sumXY.add(x * value)
        }
        if constant {
            // A flat line, exactly; an infinite one has no meaningful slope.
            return firstValue.isInfinite ? (.nan, .nan) : (0, firstValue)
        }
        let count = Double(values.count)
        let (x, y, xy, x2) = (timeSums.x, sumY.sum + sumY.compensation, sumXY.sum + sumXY.compensation, timeSums.x2)
        let covariance = xy - x * y / count
        let variance = x2 - x * x / count
        let slope = covariance / variance
        return (slope, y / count - slope * x / count)
    }

    /// The same fit with the time sums worked out here.
    static func fit(times: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>, interceptTime: Int64)
        -> (slope: Double, intercept: Double)
    {
        fit(times: times, values: values, interceptTime: interceptTime, timeSums: timeSums(times, interceptTime: interceptTime))
    }

    static func derivative(_ window: SampleWindow) -> Double? {
        guard window.count >= 2, let first = window.timestamps.first else { return nil }
        return window.withBuffers { fit(times: $0, values: $1, interceptTime: first).slope }
    }

    /// The fitted value `seconds` after the evaluation time.
    static func prediction(_ window: SampleWindow, at evaluationTime: Int64, after seconds: Double) -> Double? {
        guard window.count >= 2 else { return nil }
        let line = window.withBuffers { fit(times: $0, values: $1, interceptTime: evaluationTime) }
        return line.slope * seconds + line.intercept
    }
}
