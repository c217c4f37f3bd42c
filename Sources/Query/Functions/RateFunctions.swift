/// `rate`, `increase`, `delta`, `irate` and `idelta` over one window.
enum RateFunctions {
    /// The change over the window, extrapolated towards its bounds as Prometheus does: all the
    /// way when the first/last sample is within 1.1 average intervals of the bound, else half an
    /// interval; a counter is not extrapolated below zero. Counter resets add the value before
    /// the reset. Per second when `isRate`.
    static func extrapolatedDelta(_ window: SampleWindow, isCounter: Bool, isRate: Bool) -> Double? {
        guard window.count >= 2, let firstTime = window.timestamps.first, let lastTime = window.timestamps.last,
            let firstValue = window.values.first, let lastValue = window.values.last
        else { return nil }
        var change = lastValue - firstValue
        if isCounter {
            var previous = firstValue
            for value in window.values.dropFirst() {
                if value < previous { change += previous }
                previous = value
            }
        }
        var toStart = Double(firstTime - window.start) / 1000
        var toEnd = Double(window.end - lastTime) / 1000
        let sampled = Double(lastTime - firstTime) / 1000
        let averageInterval = sampled / Double(window.count - 1)
        let threshold = averageInterval * 1.1
        if toStart >= threshold { toStart = averageInterval / 2 }
        if isCounter, change > 0, firstValue >= 0 {
            // Where the counter would have been zero, if that is nearer than the start.
            toStart = min(toStart, sampled * (firstValue / change))
        }
        if toEnd >= threshold { toEnd = averageInterval / 2 }
        var factor = (sampled + toStart + toEnd) / sampled
        if isRate { factor /= window.rangeSeconds }
        return change * factor
    }

    /// The change between the last two samples; for `irate` a drop is a counter reset, so the
    /// change is the last value. Per second when `isRate`.
    static func lastTwoDelta(_ window: SampleWindow, isRate: Bool) -> Double? {
        guard window.count >= 2 else { return nil }
        let last = window.timestamps.endIndex - 1
        let interval = window.timestamps[last] - window.timestamps[last - 1]
        guard interval != 0 else { return nil }
        let previous = window.values[last - 1]
        let current = window.values[last]
        let change = isRate && current < previous ? current : current - previous
        return isRate ? change / (Double(interval) / 1000) : change
    }
}
