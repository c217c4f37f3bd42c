public import Evidence

/// Why a ranked process falls behind, when its exporter says: stuck or slow, where it is, and for
/// how long — judged by `Verdict.judge` (the verdict `backlog inspect` gives, with the same
/// `VerdictThresholds`) over the readings of `erlang_process_reductions_per_second` and
/// `erlang_process_info` the ranking holds, against the queue's growth over the last minute.
public struct BacklogVerdict: Sendable, Equatable {
    /// `.stuck` or `.slow`: the other verdicts add nothing to what the queue's figures say.
    public var kind: Verdict.Kind
    /// Where the process is now (`gen:do_call/4`); empty when the exporter gave none.
    public var currentFunction: String
    /// Its status now: `waiting`, `runnable`, …
    public var status: String
    /// Its reductions per second now.
    public var reductionsPerSecond: Double
    /// How long every reading held has given this verdict, up to now, in seconds.
    public var seconds: Double
    /// True when that is every reading held: it has lasted at least `seconds`, maybe longer.
    public var heldThroughout: Bool

    public init(kind: Verdict.Kind, currentFunction: String, status: String, reductionsPerSecond: Double, seconds: Double, heldThroughout: Bool) {
        self.kind = kind
        self.currentFunction = currentFunction
        self.status = status
        self.reductionsPerSecond = reductionsPerSecond
        self.seconds = seconds
        self.heldThroughout = heldThroughout
    }

    /// The verdict on `series` as of its sample at `last`, whose queue grows by `growth` messages a
    /// second over `span` seconds; nil unless it is stuck or slow, or when `detail` has no current
    /// reading (an older exporter, or a process it no longer exports).
    ///
    /// A reading is current when it is newer than the queue's sample before `last` (readings come
    /// in the same scrape as the queue). Each earlier reading is judged the same way, with the
    /// queue length and status of its time and today's growth, back to the first that does not
    /// give the same verdict: that is how long it has held.
    static func judge(
        _ series: BacklogSeries, last: Int, growth: Double, span: Double, detail: ProcessDetail,
        thresholds: VerdictThresholds = .defaults
    ) -> BacklogVerdict? {
        let now = series.timestamps[last]
        let notBefore = last > 0 ? series.timestamps[last - 1] + 1 : now
        guard let newest = detail.rates.lastIndex(where: { $0.time <= now }), detail.rates[newest].time >= notBefore,
            let state = detail.states.last(where: { $0.time <= now }), state.time >= notBefore
        else { return nil }
        let trend = QueueTrend(perSecond: growth, seconds: span, basis: .history)
        var states = detail.states.lastIndex { $0.time <= detail.rates[newest].time }
        var queue = last
        func kind(at index: Int) -> Verdict.Kind? {
            let time = detail.rates[index].time
            while let current = states, detail.states[current].time > time { states = current > 0 ? current - 1 : nil }
            while queue > 0, series.timestamps[queue] > time { queue -= 1 }
            guard let current = states, series.timestamps[queue] <= time else { return nil }
            var evidence = ProcessEvidence(pid: series.labels["pid"] ?? "", status: detail.states[current].status,
                                           messageQueueLen: Int(series.values[queue].rounded()))
            evidence.reductionsPerSecond = detail.rates[index].perSecond
            return Verdict.judge(evidence, trend: trend, thresholds: thresholds).kind
        }
        guard let verdict = kind(at: newest), verdict == .stuck || verdict == .slow else { return nil }
        var earliest = newest
        var throughout = true
        while earliest > 0 {
            // A reading with nothing to judge it by (before the queue's or the info's first) ends
            // what is held, not the verdict.
            guard let earlier = kind(at: earliest - 1) else { break }
            guard earlier == verdict else {
                throughout = false
                break
            }
            earliest -= 1
        }
        return BacklogVerdict(
            kind: verdict, currentFunction: state.currentFunction, status: state.status,
            reductionsPerSecond: detail.rates[newest].perSecond,
            seconds: Double(detail.rates[newest].time - detail.rates[earliest].time) / 1000, heldThroughout: throughout)
    }
}
