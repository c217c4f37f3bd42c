public import TimeSeries

extension HistoryReading {
    /// The newest sample in `(time − lookback, time]` of each matching series whose value `keep`
    /// accepts, in label order.
    ///
    /// This default reads the window with `select`; the writer answers from its in-memory last samples.
    public func latestSamples(
        _ matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws(HistoryError) -> [LatestStoredSample] {
        let from = time - lookback + .millis(1)
        var found: [LatestStoredSample] = []
        for data in try select(matchers, from: from, through: time) {
            guard let last = data.timestamps.last, let value = data.values.last, keep(value) else { continue }
            found.append(LatestStoredSample(labels: data.labels, timestamp: last, value: value))
        }
        return found
    }
}
