/// An average as Prometheus computes it: a compensated sum divided at the end, switching to
/// an incremental mean only once the sum would overflow.
struct MeanAccumulator {
    private var sum: KahanSum
    private var count: Double = 1
    /// Mean and compensation, once the direct sum has overflowed.
    private var incremental: (mean: Double, compensation: Double)?

    init(_ first: Double) { sum = KahanSum(first) }

    mutating func add(_ value: Double) {
        count += 1
        if incremental == nil {
            var attempt = sum
            attempt.add(value)
            if !attempt.sum.isInfinite {
                sum = attempt
                return
            }
            incremental = (sum.sum / (count - 1), sum.compensation / (count - 1))
        }
        guard let (mean, compensation) = incremental else { return }
        let kept = (count - 1) / count
        let (newMean, newCompensation) = KahanSum.step(kept * mean, kept * compensation, adding: value / count)
        incremental = (newMean, newCompensation)
    }

    var mean: Double {
        if let incremental { return incremental.mean + incremental.compensation }
        return sum.sum / count + sum.compensation / count
    }
}
