import TimeSeries

/// The value of a range-vector expression: series with their samples, and the window
/// `(t - range, t]` each step sees of them.
struct RangeSource {
    let series: [StoredSeries]
    let range: Int64
    let times: ReferenceTimes
    /// Per series, whether it holds no staleness markers, so its windows need no filtering.
    private let staleFree: [Bool]

    init(series: [StoredSeries], range: Int64, times: ReferenceTimes) {
        self.series = series
        self.range = range
        self.times = times
        staleFree = series.map { !$0.values.contains(where: StoredSeries.isStaleMarker) }
    }

    /// The samples of one series that one step sees; staleness markers are not samples.
    func window(_ index: Int, step: Int) -> SampleWindow {
        let end = times.time(step)
        let start = end - range
        let stored = series[index]
        let lower = stored.timestamps.indexAfter(start)
        let upper = max(lower, stored.timestamps.indexAfter(end))
        var window = SampleWindow(
            timestamps: stored.timestamps[lower..<upper], values: stored.values[lower..<upper], start: start, end: end)
        if !staleFree[index] {
            let kept = window.values.indices.filter { !StoredSeries.isStaleMarker(window.values[$0]) }
            window.timestamps = ArraySlice(kept.map { stored.timestamps[$0] })
            window.values = ArraySlice(kept.map { stored.values[$0] })
        }
        return window
    }
}
