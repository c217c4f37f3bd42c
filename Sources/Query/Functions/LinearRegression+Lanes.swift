extension LinearRegression {
    /// The lines that best fit each lane of a batch at `xs`, whose sums are `timeSums`: lane by
    /// lane the same arithmetic, in the same order, as `fit(_:xs:timeSums:)`.
    static func fit(
        _ samples: UnsafeBufferPointer<SIMD4<Double>>, xs: UnsafeBufferPointer<Double>, timeSums: TimeSums
    ) -> (slope: SIMD4<Double>, intercept: SIMD4<Double>) {
        let first = samples.first ?? .zero
        var varies = SIMDMask<SIMD4<Int64>>(repeating: false)
        // Plain sums first: when every value is whole and within `exactBound`, they are the
        // compensated sums (see `TimeSums.exactBound`), at a fraction of the cost.
        var (y, xy) = (SIMD4<Double>.zero, SIMD4<Double>.zero)
        var exact = SIMDMask<SIMD4<Int64>>(repeating: true)
        let bound = SIMD4<Double>(repeating: timeSums.exactBound)
        // Adding and taking away 1.5·2⁵² rounds a value within 2⁵¹ to a whole number.
        let rounding = SIMD4<Double>(repeating: 0x1.8p52)
        for index in samples.indices {
            let value = samples[index]
            varies .|= value .!= first
            exact .&= (value .<= bound) .& (value .>= -bound) .& ((value + rounding) - rounding .== value)
            y = y + value
            xy = xy + xs[index] * value
        }
        if !all(exact) {
            var sumY = LaneKahanSum()
            var sumXY = LaneKahanSum()
            for index in samples.indices {
                sumY.add(samples[index])
                sumXY.add(xs[index] * samples[index])
            }
            (y, xy) = (sumY.compensated, sumXY.compensated)
        }
        let count = SIMD4<Double>(repeating: Double(samples.count))
        let x = SIMD4<Double>(repeating: timeSums.x)
        let covariance = xy - x * y / count
        let slope = covariance / SIMD4<Double>(repeating: timeSums.variance)
        let intercept = y / count - slope * x / count
        // Flat lanes, exactly as `Line(flat:)` has them; an infinite one has no meaningful slope.
        let infinite = first.replacing(with: -first, where: first .< 0) .== .infinity
        let flatSlope = SIMD4<Double>.zero.replacing(with: .nan, where: infinite)
        let flatIntercept = first.replacing(with: .nan, where: infinite)
        return (flatSlope.replacing(with: slope, where: varies), flatIntercept.replacing(with: intercept, where: varies))
    }
}
