import History
import Query
import TimeSeries

/// What the HTTP API reads: the agent's open history for recent windows, which it answers
/// from memory, and a read-only connection to the same file for everything older.
///
/// The store serves one call at a time, and the poll cycle's append waits for it; so only reads
/// that start inside its in-memory window (the rules' reads, latest samples, short dashboard
/// ranges) go to it. A long range, which would decode from SQLite under the store's lock, goes
/// to the file through its own connection, which sees every committed cycle (the tail included)
/// without taking that lock, as `backlog query` reads it from another process.
struct APISeriesReader: SeriesReader {
    let memory: HistorySeriesReader?
    let file: HistorySeriesReader?
    /// Reads starting at or after this go to memory.
    let memorySince: Timestamp

    init(store: HistoryStore?, file: HistoryReader?, now: Timestamp) {
        memory = store.map { HistorySeriesReader($0) }
        self.file = file.map { HistorySeriesReader($0) }
        memorySince = store.map { now - $0.options.memoryWindow } ?? now
    }

    func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        if let memory, from >= memorySince || file == nil { return try memory.series(matching: matchers, from: from, through: through) }
        return try file?.series(matching: matchers, from: from, through: through) ?? []
    }

    func latestSamples(
        matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws -> [LatestSample] {
        guard let reader = memory ?? file else { return [] }
        return try reader.latestSamples(matching: matchers, at: time, lookback: lookback, keep: keep)
    }
}
