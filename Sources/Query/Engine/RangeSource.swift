import TimeSeries

/// The value of a range-vector expression: series with their samples, and the window
/// `(t - range, t]` each step sees of them.
struct RangeSource {
    let series: [StoredSeries]
    let range: Int64
    let times: ReferenceTimes

    init(series: [StoredSeries], range: Int64, times: ReferenceTimes) {
        self.series = series
        self.range = range
        self.times = times
    }

    /// The samples of one series that one step sees; staleness markers are not samples.
    func window(_ index: Int, step: Int) -> SampleWindow { window(of: series[index], step: step) }

    /// The same for a series in hand, so a loop over many series reads each one once.
    func window(of stored: StoredSeries, step: Int) -> SampleWindow {
        let end = times.time(step)
        let lower = stored.timestamps.indexAfter(end - range)
        return window(of: stored, positions: lower..<max(lower, stored.timestamps.indexAfter(end)), step: step)
    }

    /// The same for a series whose positions in the step's window are known (`WindowBounds`).
    func window(of stored: StoredSeries, positions: Range<Int>, step: Int) -> SampleWindow {
        let end = times.time(step)
        let start = end - range
        let times = stored.timestamps[positions]
        let values = stored.values[positions]
        // Markers are rare; looking for them in the window alone costs a few comparisons.
        guard values.contains(where: StoredSeries.isStaleMarker) else {
            return SampleWindow(timestamps: times, values: values, start: start, end: end)
        }
        let kept = values.indices.filter { !StoredSeries.isStaleMarker(values[$0]) }
        return SampleWindow(
            timestamps: ArraySlice(kept.map { times[$0] }), values: ArraySlice(kept.map { values[$0] }), start: start, end: end)
    }
}
