/// Least-squares fits for `deriv` and `predict_linear`.
enum LinearRegression {
    /// What a fit needs from the samples' times besides each sample's x (seconds from the
    /// intercept time): Σx and the variance term Σx² − (Σx)²/n, compensated. Series scraped
    /// together share their sample times, so a fit over a million series works these out once
    /// per window (see `RegressionTimes`) and sums only the values per series.
    struct TimeSums {
        var x: Double
        var variance: Double
        /// The largest |value| for which whole values make every product and partial sum of
        /// a fit an exact integer (0 unless the xs are whole seconds): with such values every
        /// compensation is zero, so plain sums give the compensated sums' bits.
        var exactBound: Double = 0
    }

    /// A fitted line: its slope per second, and its value at the intercept time, which `deriv`
    /// never asks for and so never pays its divisions.
    struct Line {
        let slope: Double
        private let sums: (y: Double, x: Double, count: Double)?
        private let flatValue: Double

        init(slope: Double, y: Double, x: Double, count: Double) {
            self.slope = slope
            sums = (y, x, count)
            flatValue = 0
        }

        init(flat value: Double) {
            slope = value.isInfinite ? .nan : 0
            sums = nil
            flatValue = value.isInfinite ? .nan : value
        }

        var intercept: Double {
            guard let sums else { return flatValue }
            return sums.y / sums.count - slope * sums.x / sums.count
        }
    }

    /// Each sample's x, relative to the intercept time to keep the sums small and exact.
    static func xs(_ times: UnsafeBufferPointer<Int64>, interceptTime: Int64) -> [Double] {
        times.map { Double($0 - interceptTime) / 1000 }
    }

    static func timeSums(_ xs: UnsafeBufferPointer<Double>) -> TimeSums {
        var sumX = KahanSum()
        var sumX2 = KahanSum()
        for x in xs {
            sumX.add(x)
            sumX2.add(x * x)
        }
        let (x, x2, count) = (sumX.sum + sumX.compensation, sumX2.sum + sumX2.compensation, Double(xs.count))
        var sums = TimeSums(x: x, variance: x2 - x * x / count)
        if xs.allSatisfy({ abs($0) <= 0x1p20 && $0.rounded(.towardZero) == $0 }) {
            let largestX = xs.reduce(1) { max($0, abs($1)) }
            sums.exactBound = min(0x1p51, (0x1p53 / (count * largestX)).rounded(.down))
        }
        return sums
    }

    /// The line that best fits the values at `xs`, whose sums are `timeSums`. The accumulators
    /// are independent, so summing the times apart from the values gives the same bits as
    /// summing them together.
    static func fit(_ values: UnsafeBufferPointer<Double>, xs: UnsafeBufferPointer<Double>, timeSums: TimeSums) -> Line {
        var sumY = KahanSum()
        var sumXY = KahanSum()
        let firstValue = values.first ?? 0
        var constant = true
        for index in values.indices {
            let value = values[index]
            if value != firstValue { constant = false }
            sumY.add(value)
            sumXY.add(xs[index] * value)
        }
        // A flat line, exactly; an infinite one has no meaningful slope.
        if constant { return Line(flat: firstValue) }
        let count = Double(values.count)
        let (x, y, xy) = (timeSums.x, sumY.sum + sumY.compensation, sumXY.sum + sumXY.compensation)
        let covariance = xy - x * y / count
        return Line(slope: covariance / timeSums.variance, y: y, x: x, count: count)
    }

    /// The fit of one window, its time terms worked out here.
    static func fit(_ window: SampleWindow, interceptTime: Int64) -> Line {
        window.withBuffers { times, values in
            xs(times, interceptTime: interceptTime).withUnsafeBufferPointer { xs in
                fit(values, xs: xs, timeSums: timeSums(xs))
            }
        }
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
