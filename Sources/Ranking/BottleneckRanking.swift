import Foundation
public import TimeSeries

/// Which process backlog is the next bottleneck: the order shared by the dashboard and `backlog top`.
///
/// Three tiers, each in its own order:
/// 1. over the threshold: fastest-growing first (a big queue that is draining is less urgent
///    than a smaller one still climbing);
/// 2. approaching it: soonest to reach it at its growth over the last minute first. A process
///    approaches only when it is at least `floorFraction` of the way there, its minute's rise
///    stands clear of its scatter (`noiseMultiple`), and it would get there within `horizonSeconds`;
/// 3. the rest (steady, draining, small, noisy or slow): largest peak over the last minute first.
///
/// Growth (tier 1) and time to the threshold (tier 2) are compared in buckets a tenth of a
/// decade wide (`bucket(_:)`), so two estimates a few percent apart, which trade places from one
/// second to the next on noise alone, count as equal. The third tier goes by each process's
/// peak, not its queue of the moment: everyday mailboxes of a few hundred messages fill and
/// drain within seconds, so by the moment's queue they would trade places every second, while a
/// peak holds still for a minute and the list reads as "the busiest of the last minute". Ties go
/// to the larger queue, then by name, node and labels, so the order never depends on the order
/// series come in. Peaks and queues are compared as shares of their own thresholds, which is
/// how process types (summed queues, against a larger threshold) mix with single processes.
public enum BottleneckRanking {
    /// Growth is measured over this window.
    public static let growthWindowMilliseconds: Int64 = 60_000
    /// Series with no sample this recent are gone (Prometheus's lookback) and left out.
    public static let lookbackMilliseconds: Int64 = 300_000
    /// A process that would need longer than this to reach the threshold is not approaching it.
    ///
    /// One hour is 60 times the growth window: a minute's slope says little about the hour after
    /// it, and nobody acts now on a mailbox due to fill tomorrow.
    public static let horizonSeconds: Double = 3600
    /// A process under this share of its threshold (1,000 of 10,000) is not approaching it, however
    /// its last minute went.
    ///
    /// Below it are everyday mailboxes: bursts of a few hundred that drain within seconds, whose
    /// minute's slope (+5/s on a 400-message burst) promises the threshold within the hour and
    /// means nothing. A steady climb from empty spends only the first tenth of its run-up below
    /// the floor, so it is flagged at most that much later.
    public static let floorFraction = 0.1
    /// The minute's rise (slope × span) must exceed this many standard deviations of the samples
    /// around the line for the growth to count.
    ///
    /// Over 60 one-second samples of independent noise the fitted rise is about 0.45 standard
    /// deviations times a standard normal draw, so 2 is a 4.4-sigma event; a real climb clears it by far
    /// (`chat_router` at +150/s: a rise of 9,000 against a scatter of 17).
    public static let noiseMultiple = 2.0

    /// Ranks every series that has a sample at or before `time` within the lookback.
    ///
    /// `details` holds what the exporter says about each process besides its queue (see
    /// `ProcessDetail`): a process over or approaching its threshold that it shows stuck or slow
    /// says so in its reason (`BacklogVerdict`).
    public static func rank(
        _ series: [BacklogSeries], threshold: Double, entity: [String], at time: Timestamp, details: [ProcessKey: ProcessDetail] = [:]
    ) -> [RankedBacklog] {
        var keyed = measured(series, threshold: threshold, entity: entity, at: time, details: details)
        keyed.sort { precedes($0.key, $0.entry, $1.key, $1.entry) }
        return keyed.map(\.entry)
    }

    /// Ranks the series of several backlog metrics in one order, each against its own metric's
    /// threshold and named by its entity labels (a series of none of them goes with the first).
    ///
    /// A process type counting a single process is left out: that process is ranked under its
    /// own name, and the same queue would otherwise be listed twice.
    public static func rank(
        _ series: [BacklogSeries], metrics: [BacklogMetric], at time: Timestamp, details: [ProcessKey: ProcessDetail] = [:]
    ) -> [RankedBacklog] {
        guard let first = metrics.first else { return [] }
        guard metrics.count > 1 else { return rank(series, threshold: first.threshold, entity: first.entity, at: time, details: details) }
        var groups = [[BacklogSeries]](repeating: [], count: metrics.count)
        for one in series where one.processes != 1 {
            let name = one.labels.name
            groups[metrics.firstIndex { $0.metric == name } ?? 0].append(one)
        }
        var keyed: [(key: OrderKey, entry: RankedBacklog)] = []
        for (metric, group) in zip(metrics, groups) where !group.isEmpty {
            keyed += measured(group, threshold: metric.threshold, entity: metric.entity, at: time, details: details)
        }
        keyed.sort { precedes($0.key, $0.entry, $1.key, $1.entry) }
        return keyed.map(\.entry)
    }

    private static func measured(
        _ series: [BacklogSeries], threshold: Double, entity: [String], at time: Timestamp, details: [ProcessKey: ProcessDetail]
    ) -> [(key: OrderKey, entry: RankedBacklog)] {
        series.compactMap { one in
            measure(one, threshold: threshold, entity: entity, at: time.milliseconds, details: details).map { (key: OrderKey($0), entry: $0) }
        }
    }

    /// Whether `a` ranks above `b`.
    public static func precedes(_ a: RankedBacklog, _ b: RankedBacklog) -> Bool {
        precedes(OrderKey(a), a, OrderKey(b), b)
    }

    private static func precedes(_ aKey: OrderKey, _ a: RankedBacklog, _ bKey: OrderKey, _ b: RankedBacklog) -> Bool {
        if aKey != bKey { return aKey < bKey }
        // As shares of their thresholds, so a process type's sum (against its own, larger
        // threshold) takes its place among single processes by how full it is, not by its size.
        let aPeak = a.peakQueued / a.threshold, bPeak = b.peakQueued / b.threshold
        if aKey.tier == OrderKey.thirdTier, aPeak != bPeak { return aPeak > bPeak }
        let aQueued = a.queued / a.threshold, bQueued = b.queued / b.threshold
        if aQueued != bQueued { return aQueued > bQueued }
        if a.entity != b.entity { return a.entity < b.entity }
        // Same name and figures (chat_router idle on many nodes): a total order, or rows would
        // swap places from one second to the next as the series table's order shifts.
        if a.series.node != b.series.node { return a.series.node < b.series.node }
        return a.series.labels.lexicographicallyPrecedes(b.series.labels)
    }

    /// Which tenth of a decade `value` (> 0) falls in: 10–12.6 is 10, 12.6–15.8 is 11, 100–126 is 20.
    ///
    /// Estimates that differ by a few percent share a bucket, so their order falls to the queue
    /// length; they can still part at a bucket's edge, but once, not every second.
    public static func bucket(_ value: Double) -> Int {
        Int((10 * log10(value)).rounded(.down))
    }
}

extension BottleneckRanking {
    /// The entry for one series at `now`: its figures, outlook and reason; nil when it has no
    /// usable sample within the lookback.
    private static func measure(
        _ series: BacklogSeries, threshold: Double, entity: [String], at now: Int64, details: [ProcessKey: ProcessDetail]
    ) -> RankedBacklog? {
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
        // Only the bottlenecks are judged: walking back through the readings costs more than the
        // rest of the ranking, and a steady or small queue needs no verdict.
        var verdict: BacklogVerdict?
        if !outlook.isThirdTier, !details.isEmpty, let key = ProcessKey(series.labels), let detail = details[key] {
            verdict = BacklogVerdict.judge(series, last: last, growth: fit.slope, span: fit.span, detail: detail)
        }
        return RankedBacklog(
            series: series, entity: name, queued: queued, peakQueued: fit.peak, growthPerSecond: fit.slope, threshold: threshold,
            outlook: outlook,
            reason: RankingText.reason(entity: name, node: series.node, queued: queued, peak: fit.peak, growth: fit.slope,
                                       threshold: threshold, outlook: outlook, verdict: verdict),
            verdict: verdict)
    }

    /// Approaching, or why not, for a queue at or under its threshold.
    private static func underThreshold(queued: Double, fit: GrowthFit, threshold: Double) -> RankedBacklog.Outlook {
        guard fit.slope > 0 else { return fit.slope <= -RankingText.steadyBelow ? .draining : .steady }
        let floor = threshold * floorFraction
        if queued < floor { return fit.slope < RankingText.steadyBelow ? .steady : .belowFloor(floor) }
        guard fit.isClear(multiple: noiseMultiple) else { return .noisy }
        let seconds = (threshold - queued) / fit.slope
        return seconds > horizonSeconds ? .beyondHorizon(seconds: seconds) : .approaching(seconds: seconds)
    }
}

extension BottleneckRanking {
    /// A ranked entry's tier and bucket: lower sorts first; equal keys fall to the minute's peak in
    /// the third tier, then to the queue length.
    fileprivate struct OrderKey: Comparable {
        static let thirdTier = 2

        var tier: Int
        var bucket: Int

        init(_ entry: RankedBacklog) {
            switch entry.outlook {
            case .over:
                tier = 0
                bucket = -Self.growthUrgency(entry.growthPerSecond)
            case .approaching(let seconds):
                tier = 1
                bucket = BottleneckRanking.bucket(max(seconds, 1))
            default:
                tier = Self.thirdTier
                bucket = 0
            }
        }

        /// Higher is more urgent: clear growth by its bucket, then steady, then draining, slowest first.
        static func growthUrgency(_ growth: Double) -> Int {
            if growth >= RankingText.steadyBelow { return 1000 + BottleneckRanking.bucket(growth) }
            if growth > -RankingText.steadyBelow { return 0 }
            return -1000 - BottleneckRanking.bucket(-growth)
        }

        static func < (a: OrderKey, b: OrderKey) -> Bool {
            (a.tier, a.bucket) < (b.tier, b.bucket)
        }
    }
}

/// The least-squares line through a series' samples over the growth window: how fast it grows,
/// how far its samples scatter around that line, and the largest of them.
private struct GrowthFit {
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
