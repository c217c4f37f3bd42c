/// Four `KahanSum`s side by side, one per SIMD lane, for fitting four series at once.
///
/// Each lane does exactly what `KahanSum.step` does, with selections in place of its branches,
/// so a lane's sum has the same bits as the scalar sum of the same values.
struct LaneKahanSum {
    private(set) var sum: SIMD4<Double> = .zero
    private(set) var compensation: SIMD4<Double> = .zero

    @inline(__always)
    mutating func add(_ value: SIMD4<Double>) {
        let total = sum + value
        let larger = LaneKahanSum.magnitude(sum) .>= LaneKahanSum.magnitude(value)
        let large = value.replacing(with: sum, where: larger)
        let small = sum.replacing(with: value, where: larger)
        let infinite = LaneKahanSum.magnitude(total) .== .infinity
        compensation = (compensation + ((large - total) + small)).replacing(with: 0, where: infinite)
        sum = total
    }

    /// `sum + compensation`, as the regression reads its sums.
    var compensated: SIMD4<Double> { sum + compensation }

    /// |x| per lane; NaN stays NaN, which compares false either way, as with `abs`.
    @inline(__always)
    private static func magnitude(_ value: SIMD4<Double>) -> SIMD4<Double> {
        value.replacing(with: -value, where: value .< 0)
    }
}
