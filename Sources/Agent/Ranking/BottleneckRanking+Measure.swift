extension BottleneckRanking {
    /// The entry for one series at `now`: its figures, outlook and reason; nil when it has no
    /// usable sample within the lookback.
    static func measure(_ series: BacklogSeries, threshold: Double, entity: [String], at now: Int64) -> RankedBacklog? {
        guard let last = series.timestamps.lastIndex(where: { $0 <= now }),
            now - series.timestamps[last] <= lookbackMilliseconds, series.values[last].isFinite
        else { return nil }
        let queued = series.values[last]
        let fit = GrowthFit(series, through: last, windowMilliseconds: growthWindowMilliseconds)
        let outlook: RankedBacklog.Outlook
        if queued > threshold {
            var first = last
            while first > 0, series.values[first - 1] > threshold { first -= 1 }
            outlook = .over(seconds: Double(series.timestamps[last] - series.timestamps[first]) / 1000 + Double(now - series.timestamps[last]) / 1000)
        } else {
            outlook = underThreshold(queued: queued, fit: fit, threshold: threshold)
        }
        let name = series.entityName(entity)
        return RankedBacklog(
            series: series, entity: name, queued: queued, peakQueued: fit.peak, growthPerSecond: fit.slope, threshold: threshold,
            outlook: outlook,
            reason: RankingText.reason(entity: name, node: series.node, queued: queued, peak: fit.peak, growth: fit.slope,
                                       threshold: threshold, outlook: outlook))
    }

    /// Approaching, or why not, for a queue at or under its threshold.
    static func underThreshold(queued: Double, fit: GrowthFit, threshold: Double) -> RankedBacklog.Outlook {
        guard fit.slope > 0 else { return fit.slope <= -RankingText.steadyBelow ? .draining : .steady }
        let floor = threshold * floorFraction
        if queued < floor { return fit.slope < RankingText.steadyBelow ? .steady : .belowFloor(floor) }
        guard fit.isClear(multiple: noiseMultiple) else { return .noisy }
        let seconds = (threshold - queued) / fit.slope
        return seconds > horizonSeconds ? .beyondHorizon(seconds: seconds) : .approaching(seconds: seconds)
    }
}
