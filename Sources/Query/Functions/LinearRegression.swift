/// Least-squares fits for `deriv` and `predict_linear`.
enum LinearRegression {
    /// The slope per second and the value at `interceptTime` of the line that best fits the
    /// samples. Times are taken relative to `interceptTime` to keep the sums small and exact.
    static func fit(_ window: SampleWindow, interceptTime: Int64) -> (slope: Double, intercept: Double) {
        var sumX = KahanSum()
        var sumY = KahanSum()
        var sumXY = KahanSum()
        var sumX2 = KahanSum()
        let firstValue = window.values.first ?? 0
        var constant = true
        // Both slices cover the same positions; indexing them avoids copying them into a zip,
        // which costs reference counting on every series of a million-series rule.
        for index in window.timestamps.indices {
            let time = window.timestamps[index]
            let value = window.values[index]
            if value != firstValue { constant = false }
            let x = Double(time - interceptTime) / 1000
            sumX.add(x)
            sumY.add(value)
            sumXY.add(x * value)
            sumX2.add(x * x)
        }
        if constant {
            // A flat line, exactly; an infinite one has no meaningful slope.
            return firstValue.isInfinite ? (.nan, .nan) : (0, firstValue)
        }
        let count = Double(window.count)
        let (x, y, xy, x2) = (sumX.sum + sumX.compensation, sumY.sum + sumY.compensation,
                              sumXY.sum + sumXY.compensation, sumX2.sum + sumX2.compensation)
        let covariance = xy - x * y / count
        let variance = x2 - x * x / count
        let slope = covariance / variance
        return (slope, y / count - slope * x / count)
    }

    static func derivative(_ window: SampleWindow) -> Double? {
        guard window.count >= 2, let first = window.timestamps.first else { return nil }
        return fit(window, interceptTime: first).slope
    }

    /// The fitted value `seconds` after the evaluation time.
    static func prediction(_ window: SampleWindow, at evaluationTime: Int64, after seconds: Double) -> Double? {
        guard window.count >= 2 else { return nil }
        let line = fit(window, interceptTime: evaluationTime)
        return line.slope * seconds + line.intercept
    }
}
