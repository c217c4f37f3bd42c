public import History
public import Query
public import TimeSeries

/// Lets the PromQL engine read the history: the store's `select` as a `SeriesReader`.
///
/// A reader keeps what it selected while the store is unchanged (`SelectionCache`), and widens a
/// selector's first read to the widest window it had in the evaluation before (`SelectionSpans`),
/// so the rules of one evaluation that read the same selector decode its series once. The agent
/// makes one reader per evaluation, so what it keeps lives as long as that evaluation, and
/// passes the same spans to each.
public struct HistorySeriesReader: SeriesReader {
    public let history: any HistoryReading
    private let spans: SelectionSpans
    private let cache: SelectionCache

    public init(_ history: any HistoryReading, spans: SelectionSpans = SelectionSpans(), cache: SelectionCache = SelectionCache()) {
        self.history = history
        self.spans = spans
        self.cache = cache
    }

    public func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        // Noted before the read: a write during it moves the generation, and the kept selection
        // is then never handed out.
        guard let generation = history.writeGeneration else { return try select(matchers, from: from, through: through) }
        let (from, through) = (from.milliseconds, through.milliseconds)
        if let kept = cache.series(matching: matchers, from: from, through: through, generation: generation) { return kept }
        let start = spans.start(for: matchers, from: from, through: through)
        let series = try select(matchers, from: Timestamp(milliseconds: start), through: Timestamp(milliseconds: through))
        cache.keep(series, matching: matchers, from: start, through: through, generation: generation)
        return series
    }

    /// The store's selection as the engine's series, moved out of the store's answer rather than copied.
    private func select(_ matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        var selected = try history.select(matchers, from: from, through: through)
        var series: [StoredSeries] = []
        series.reserveCapacity(selected.count)
        // `popLast` hands each element over without retaining its arrays again.
        while let data = selected.popLast() {
            series.append(StoredSeries(labels: data.labels, timestamps: data.timestamps, values: data.values))
        }
        series.reverse()
        return series
    }

    /// The store's latest samples: the agent's writer answers from each series' last sample in
    /// memory instead of reading and decoding every matching series' window.
    public func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws -> [LatestSample] {
        try history.latestSamples(matchers, at: time, lookback: lookback) { !StoredSeries.isStaleMarker($0) && keep($0) }
            .map { LatestSample(labels: $0.labels, value: $0.value) }
    }
}
