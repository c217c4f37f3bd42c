/// The `*_over_time` functions, `changes` and `resets` over one window.
enum OverTimeFunctions {
    static func average(_ window: SampleWindow) -> Double? {
        guard let first = window.values.first else { return nil }
        var mean = MeanAccumulator(first)
        for value in window.values.dropFirst() { mean.add(value) }
        return mean.mean
    }

    static func sum(_ window: SampleWindow) -> Double? {
        guard !window.isEmpty else { return nil }
        var sum = KahanSum()
        for value in window.values { sum.add(value) }
        return sum.total
    }

    /// The smallest value; NaN only when every value is NaN.
    static func minimum(_ window: SampleWindow) -> Double? {
        guard var result = window.values.first else { return nil }
        for value in window.values where value < result || result.isNaN { result = value }
        return result
    }

    /// The largest value; NaN only when every value is NaN.
    static func maximum(_ window: SampleWindow) -> Double? {
        guard var result = window.values.first else { return nil }
        for value in window.values where value > result || result.isNaN { result = value }
        return result
    }

    /// How often the value changed; NaN followed by NaN is no change.
    static func changes(_ window: SampleWindow) -> Double? {
        guard var previous = window.values.first else { return nil }
        var count = 0
        for value in window.values.dropFirst() {
            if value != previous && !(value.isNaN && previous.isNaN) { count += 1 }
            previous = value
        }
        return Double(count)
    }

    /// How often the value dropped, as a counter does when it restarts.
    static func resets(_ window: SampleWindow) -> Double? {
        guard var previous = window.values.first else { return nil }
        var count = 0
        for value in window.values.dropFirst() {
            if value < previous { count += 1 }
            previous = value
        }
        return Double(count)
    }
}
