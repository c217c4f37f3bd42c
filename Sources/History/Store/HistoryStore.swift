internal import Synchronization
public import TimeSeries

/// The embedded time-series store: one SQLite file written by one agent, read by any process.
///
/// On-disk layout (SQLite, WAL journal, `synchronous=NORMAL`, `auto_vacuum=INCREMENTAL`,
/// `application_id` "BLKH", `user_version` = schema version 1):
/// - `series(id INTEGER PRIMARY KEY AUTOINCREMENT, labels BLOB)`: canonical labels (`LabelsCodec`:
///   count, then length-prefixed names and values, sorted by name). Ids are never reused.
/// - `label_pairs(id, name, value, UNIQUE(name, value))` and `postings(pair_id, series_id)`
///   `WITHOUT ROWID`: the inverted index; a label's distinct values come from `label_pairs`.
/// - `chunks(id, series_id, min_t, max_t, count, data)` with an index on `(series_id, max_t)`: up to
///   `chunkSamples` samples of one series spanning at most 2 h, delta-of-delta timestamps and
///   values as exact scaled decimals or Gorilla XOR (`ChunkFormat`).
/// - `tail(cycle INTEGER PRIMARY KEY, min_t, max_t, count, data)`: one row per poll cycle with that
///   cycle's samples sorted by series id (`TailBlock`). A sample lives here until its head chunk
///   is written as a chunk row; rows older than every open head are deleted. Readers take from
///   the tail the samples newer than a series' chunk samples.
/// - `counters(name, value)`: chunk count, chunk and head samples, rejected samples.
///
/// Each `append` is one transaction; the in-memory heads are always rebuildable from the tail (a
/// series' head is its tail samples newer than its last chunk's `max_t`), so `kill -9` loses at
/// most the cycle in flight. A `flock` on `<file>.lock` keeps a second writer out.
// @unchecked: `writer` (a class with a SQLite connection) is only ever touched under `lock`.
public final class HistoryStore: HistoryReading, @unchecked Sendable {
    public let path: String
    public let options: HistoryOptions
    /// Guards `writer`: SQLite connections and the in-memory heads serve one call at a time.
    private let lock = Mutex(())
    private let writer: WriterState
    /// Bumped after every call that may change stored samples; see `writeGeneration`.
    private let writes = Atomic<UInt64>(0)

    /// Opens (or creates) the history file for writing and rebuilds the in-memory index and heads.
    public init(path: String, options: HistoryOptions = HistoryOptions()) throws(HistoryError) {
        self.path = path
        self.options = options
        writer = try WriterState(path: path, options: options)
    }

    deinit { writer.close() }

    func locked<Result>(_ body: (WriterState) throws(HistoryError) -> Result) throws(HistoryError) -> Result {
        try lock.withLock { (_) throws(HistoryError) -> Result in try body(writer) }
    }

    /// `locked` for a call that may change stored samples: the generation moves once the change
    /// is done (and even when it failed halfway), still under the lock, so a reader that noted the
    /// generation before a read never files newer data under an older generation.
    private func changing<Result>(_ body: (WriterState) throws(HistoryError) -> Result) throws(HistoryError) -> Result {
        try lock.withLock { (_) throws(HistoryError) -> Result in
            defer { writes.add(1, ordering: .releasing) }
            return try body(writer)
        }
    }

    /// Changes after every append, import, flush or close, whether it succeeded or not: a
    /// selection read while it had one value still holds while it has it.
    public var writeGeneration: UInt64? { writes.load(ordering: .acquiring) }

    /// Stores one poll cycle in one transaction. `now` stamps samples without a timestamp and drives
    /// idle cuts and retention.
    ///
    /// On error nothing of the cycle is stored and the store is as before the call, so the caller can
    /// keep polling and pass the same samples again (they are then counted like any other);
    /// `HistoryError.samplesNotStored` says how many were lost if it does not.
    ///
    /// `sources` says which target sent which run of samples, so the series budget
    /// (`HistoryOptions.seriesBudget`) refuses new series of the targets adding far more than their
    /// share; without it the whole cycle is one source.
    @discardableResult
    public func append(_ samples: [Sample], at now: Timestamp, sources: [SampleSource] = []) throws(HistoryError) -> AppendSummary {
        try changing { (state) throws(HistoryError) in try state.append(samples, at: now, sources: sources) }
    }

    /// Bulk-loads samples in any order (sorted per series and written as chunks directly), in
    /// transactions of about `batchSamples`, calling `progress(samplesDone, totalSamples)` after each.
    /// Samples without a timestamp are counted and skipped. `progress` must not call back into the store.
    @discardableResult
    public func importSamples(
        _ samples: [Sample], batchSamples: Int = 100_000, progress: ((Int, Int) -> Void)? = nil
    ) throws(HistoryError) -> ImportSummary {
        try changing { (state) throws(HistoryError) in
            try state.importSamples(samples, batchSamples: max(1, batchSamples), progress: progress)
        }
    }

    /// Writes every open head as a chunk row, empties the tail, returns free pages and checkpoints.
    public func flush() throws(HistoryError) {
        try changing { (state) throws(HistoryError) in try state.flush() }
    }

    /// Checkpoints, closes the file and releases the writer lock; the tail keeps the open heads.
    public func close() {
        lock.withLock { _ in
            writer.close()
            writes.add(1, ordering: .releasing)
        }
    }

    /// Runs `body` on the writer state, for internal tools and tests.
    func withWriter<Result>(_ body: (WriterState) throws(SQLiteError) -> Result) throws(HistoryError) -> Result {
        try changing { (state) throws(HistoryError) -> Result in
            do throws(SQLiteError) { return try body(state) } catch { throw HistoryError(error) }
        }
    }

    /// Runs a read on the open writer state, which mirrors every committed cycle.
    private func withOpenWriter<Result>(
        _ body: (WriterState) throws(SQLiteError) -> Result
    ) throws(HistoryError) -> Result {
        try locked { (state) throws(HistoryError) -> Result in
            guard !state.isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
            do throws(SQLiteError) { return try body(state) } catch { throw HistoryError(error) }
        }
    }

    /// Runs a read on the writer's connection, which sees every committed cycle.
    private func reading<Result>(
        _ body: (SeriesReader) throws(SQLiteError) -> Result
    ) throws(HistoryError) -> Result {
        try locked { (state) throws(HistoryError) -> Result in
            guard !state.isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
            do throws(SQLiteError) {
                return try body(SeriesReader(connection: state.connection))
            } catch {
                throw HistoryError(error)
            }
        }
    }

    /// Answered from memory for series whose in-memory window covers `from`, from the file otherwise.
    ///
    /// The writer is held only to read the file and copy the in-memory series out; they are
    /// decoded after, so a rule group reading minutes of every series does not hold up appends.
    public func select(_ matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws(HistoryError) -> [SeriesData] {
        let detached = try withOpenWriter { state throws(SQLiteError) in
            try state.detachSelect(matchers, from: from.milliseconds, through: through.milliseconds)
        }
        do throws(SQLiteError) { return try detached.decode() } catch { throw HistoryError(error) }
    }

    /// Reads each series' last sample from memory when it is the answer; see `HistoryReading.latestSamples`.
    public func latestSamples(
        _ matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
    ) throws(HistoryError) -> [LatestStoredSample] {
        try withOpenWriter { state throws(SQLiteError) in
            try state.latestSamples(matchers, at: time.milliseconds, lookback: lookback.milliseconds, keep: keep)
        }
    }

    /// Compressed sample bytes held in memory (open heads and recent chunks), for the benchmark.
    public var memoryChunkBytes: Int { lock.withLock { _ in writer.memoryChunkBytes } }

    public func labelNames() throws(HistoryError) -> [String] {
        try reading { reader throws(SQLiteError) in try reader.labelNames() }
    }

    public func labelValues(name: String) throws(HistoryError) -> [String] {
        try reading { reader throws(SQLiteError) in try reader.labelValues(name: name) }
    }

    /// Series in the file.
    public var seriesCount: Int {
        get throws(HistoryError) { try reading { reader throws(SQLiteError) in try reader.seriesCount } }
    }

    /// Series held in memory: the live ones, and stale ones until the memory window passes them.
    public var seriesInMemory: Int { lock.withLock { _ in writer.index.count } }

    public var sampleCount: Int {
        get throws(HistoryError) { lock.withLock { _ in writer.counters.chunkSamples + writer.counters.headSamples } }
    }

    public func stats() throws(HistoryError) -> HistoryStats {
        try reading { reader throws(SQLiteError) in try reader.stats() }
    }
}
