/// A running float sum with Neumaier's compensation, the way Prometheus sums, so sums and
/// averages agree with Prometheus to the last digit.
struct KahanSum {
    private(set) var sum: Double
    private(set) var compensation: Double = 0

    init(_ first: Double = 0) { sum = first }

    mutating func add(_ value: Double) {
        (sum, compensation) = KahanSum.step(sum, compensation, adding: value)
    }

    /// The compensated total; an infinite sum stands as it is.
    var total: Double { sum.isInfinite ? sum : sum + compensation }

    /// One compensated addition: the larger operand's low bits are the ones rounding loses.
    static func step(_ sum: Double, _ compensation: Double, adding value: Double) -> (Double, Double) {
        let total = sum + value
        if total.isInfinite { return (total, 0) }
        // Selected rather than branched on: which operand is larger varies from sample to
        // sample, and a mispredicted branch per sample is most of a sum's cost.
        let (large, small) = Swift.abs(sum) >= Swift.abs(value) ? (sum, value) : (value, sum)
        return (total, compensation + ((large - total) + small))
    }
}
