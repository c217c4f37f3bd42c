/// The quantile estimates of `quantile` and `histogram_quantile`.
enum Quantiles {
    /// The φ-quantile of values, interpolating between the two nearest ranks; NaN sorts first.
    static func quantile(_ q: Double, of values: [Double]) -> Double {
        if values.isEmpty || q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        let sorted = values.sorted { $0.isNaN && !$1.isNaN || $0 < $1 }
        let rank = q * Double(sorted.count - 1)
        let lower = Swift.max(0, rank.rounded(.down))
        let upper = Swift.min(Double(sorted.count - 1), lower + 1)
        let weight = rank - rank.rounded(.down)
        return sorted[Int(lower)] * (1 - weight) + sorted[Int(upper)] * weight
    }

    /// A classic histogram bucket: observations at most `upperBound` (the `le` label).
    struct Bucket {
        var upperBound: Double
        var count: Double
    }

    /// The φ-quantile of classic buckets, interpolated linearly within the bucket it falls in.
    /// The lowest bucket starts at 0 unless its bound is not positive; a quantile in the +Inf
    /// bucket is the second-highest bound. Without a +Inf bucket, or without observations, NaN.
    /// Like Prometheus, counts that decrease with the bound (broken data) are first repaired.
    static func bucketQuantile(_ q: Double, _ buckets: [Bucket]) -> Double {
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        var buckets = buckets.sorted { $0.upperBound < $1.upperBound }
        guard buckets.last?.upperBound == .infinity else { return .nan }
        buckets = coalesced(buckets)
        smoothPrecisionErrors(&buckets)
        makeMonotonic(&buckets)
        guard buckets.count >= 2, let observations = buckets.last?.count, observations != 0 else { return .nan }
        var rank = q * observations
        let index = buckets.dropLast().firstIndex { $0.count >= rank } ?? buckets.count - 1
        if index == buckets.count - 1 { return buckets[buckets.count - 2].upperBound }
        if index == 0 && buckets[0].upperBound <= 0 { return buckets[0].upperBound }
        var start = 0.0
        var count = buckets[index].count
        if index > 0 {
            start = buckets[index - 1].upperBound
            count -= buckets[index - 1].count
            rank -= buckets[index - 1].count
        }
        return start + (buckets[index].upperBound - start) * (rank / count)
    }

    /// Buckets with the same bound summed into one.
    private static func coalesced(_ sorted: [Bucket]) -> [Bucket] {
        var result: [Bucket] = []
        for bucket in sorted {
            if let last = result.last, last.upperBound == bucket.upperBound {
                result[result.count - 1].count += bucket.count
            } else {
                result.append(bucket)
            }
        }
        return result
    }

    /// Tiny relative differences between neighbouring counts are float noise, not data.
    private static func smoothPrecisionErrors(_ buckets: inout [Bucket]) {
        guard var previous = buckets.first?.count else { return }
        for index in buckets.indices.dropFirst() {
            let current = buckets[index].count
            let delta = Swift.abs(current - previous)
            guard delta != 0 else { continue }
            if delta / current <= 1e-12 {
                buckets[index].count = previous
            } else {
                previous = current
            }
        }
    }

    /// Counts raised to the running maximum, so the search for the rank is well defined.
    private static func makeMonotonic(_ buckets: inout [Bucket]) {
        guard var maximum = buckets.first?.count else { return }
        for index in buckets.indices.dropFirst() {
            if buckets[index].count > maximum {
                maximum = buckets[index].count
            } else {
                buckets[index].count = maximum
            }
        }
    }
}
