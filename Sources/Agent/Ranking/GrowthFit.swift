/// The least-squares line through a series' samples over the growth window: how fast it grows,
/// how far its samples scatter around that line, and the largest of them.
struct GrowthFit {
    /// Messages per second; 0 with fewer than two samples.
    var slope = 0.0
    /// Standard deviation of the samples around the line (n − 2 degrees of freedom); 0 with fewer
    /// than three samples, where the line goes through every point and no scatter can be seen.
    var scatter = 0.0
    /// Seconds from the first fitted sample to the last.
    var span = 0.0
    /// The largest sample in the window; the last sample alone when there is no other.
    var peak = 0.0

    /// Fits the samples of `series` within `windowMilliseconds` up to and including index `last`.
    init(_ series: BacklogSeries, through last: Int, windowMilliseconds: Int64) {
        let end = series.timestamps[last]
        peak = series.values[last]
        var first = last
        while first > 0, end - series.timestamps[first - 1] <= windowMilliseconds { first -= 1 }
        guard last > first else { return }
        // Sums around the last sample, so the figures stay small and the subtraction exact enough.
        var sumT = 0.0, sumV = 0.0, sumTT = 0.0, sumTV = 0.0, sumVV = 0.0, count = 0.0
        var earliest = 0.0
        for index in first...last where series.values[index].isFinite {
            let t = Double(series.timestamps[index] - end) / 1000
            let v = series.values[index]
            peak = max(peak, v)
            sumT += t
            sumV += v
            sumTT += t * t
            sumTV += t * v
            sumVV += v * v
            count += 1
            earliest = min(earliest, t)
        }
        let denominator = count * sumTT - sumT * sumT
        guard count >= 2, denominator != 0 else { return }
        slope = (count * sumTV - sumT * sumV) / denominator
        span = -earliest
        guard count >= 3 else { return }
        // Residual sum of squares: Syy − b·Sty, with the centred sums.
        let centredVV = sumVV - sumV * sumV / count
        let centredTV = sumTV - sumT * sumV / count
        scatter = (max(0, centredVV - slope * centredTV) / (count - 2)).squareRoot()
    }

    /// Whether the rise the slope predicts over the fitted span stands out from the scatter by
    /// `multiple` (a line through noise alone rises that far almost never: see `BottleneckRanking`).
    func isClear(multiple: Double) -> Bool {
        slope * span > multiple * scatter
    }
}
