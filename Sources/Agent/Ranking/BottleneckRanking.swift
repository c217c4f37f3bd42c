public import TimeSeries

/// Which process backlog is the next bottleneck: the order shared by the dashboard and `backlog top`.
///
/// Processes already over their threshold come first, fastest-growing first (a big queue that is
/// draining is less urgent than a smaller one still climbing); then the rest by how soon they
/// would reach the threshold at their growth over the last minute; ties go to the larger queue,
/// then by name, node and labels, so the order never depends on the order series come in.
public enum BottleneckRanking {
    /// Growth is measured over this window.
    public static let growthWindowMilliseconds: Int64 = 60_000
    /// Series with no sample this recent are gone (Prometheus's lookback) and left out.
    public static let lookbackMilliseconds: Int64 = 300_000

    /// Ranks every series that has a sample at or before `time` within the lookback.
    public static func rank(_ series: [BacklogSeries], threshold: Double, entity: [String], at time: Timestamp) -> [RankedBacklog] {
        let ranked = series.compactMap { measure($0, threshold: threshold, entity: entity, at: time.milliseconds) }
        return ranked.sorted(by: precedes)
    }

    static func precedes(_ a: RankedBacklog, _ b: RankedBacklog) -> Bool {
        if a.isOverThreshold != b.isOverThreshold { return a.isOverThreshold }
        if a.isOverThreshold {
            if a.growthPerSecond != b.growthPerSecond { return a.growthPerSecond > b.growthPerSecond }
        } else {
            let aEta = a.secondsToThreshold ?? .infinity
            let bEta = b.secondsToThreshold ?? .infinity
            if aEta != bEta { return aEta < bEta }
        }
        if a.queued != b.queued { return a.queued > b.queued }
        if a.entity != b.entity { return a.entity < b.entity }
        // Same name and figures (chat_router idle on many nodes): a total order, or rows would
        // swap places from one second to the next as the series table's order shifts.
        if a.series.node != b.series.node { return a.series.node < b.series.node }
        return a.series.labels.lexicographicallyPrecedes(b.series.labels)
    }

    static func measure(_ series: BacklogSeries, threshold: Double, entity: [String], at now: Int64) -> RankedBacklog? {
        guard let last = series.timestamps.lastIndex(where: { $0 <= now }),
            now - series.timestamps[last] <= lookbackMilliseconds, series.values[last].isFinite
        else { return nil }
        let queued = series.values[last]
        let growth = slope(series, through: last)
        var over: Double?
        if queued > threshold {
            var first = last
            while first > 0, series.values[first - 1] > threshold { first -= 1 }
            over = Double(series.timestamps[last] - series.timestamps[first]) / 1000 + Double(now - series.timestamps[last]) / 1000
        }
        let eta: Double? = over == nil && growth > 0 ? (threshold - queued) / growth : nil
        let name = series.entityName(entity)
        return RankedBacklog(
            series: series, entity: name, queued: queued, growthPerSecond: growth, threshold: threshold,
            overThresholdSeconds: over, secondsToThreshold: eta,
            reason: RankingText.reason(entity: name, node: series.node, queued: queued, growth: growth, threshold: threshold,
                                       overSeconds: over, etaSeconds: eta))
    }

    /// Least-squares slope in messages per second over the growth window ending at `last`.
    static func slope(_ series: BacklogSeries, through last: Int) -> Double {
        let end = series.timestamps[last]
        var first = last
        while first > 0, end - series.timestamps[first - 1] <= growthWindowMilliseconds { first -= 1 }
        guard last > first else { return 0 }
        var sumT = 0.0, sumV = 0.0, sumTT = 0.0, sumTV = 0.0, count = 0.0
        for index in first...last where series.values[index].isFinite {
            let t = Double(series.timestamps[index] - end) / 1000
            let v = series.values[index]
            sumT += t
            sumV += v
            sumTT += t * t
            sumTV += t * v
            count += 1
        }
        let denominator = count * sumTT - sumT * sumT
        guard count >= 2, denominator != 0 else { return 0 }
        return (count * sumTV - sumT * sumV) / denominator
    }
}
