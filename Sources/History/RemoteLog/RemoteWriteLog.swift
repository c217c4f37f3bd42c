internal import Synchronization
public import TimeSeries

/// One remote-write endpoint's view of the history's commit-ordered log: reads what it has not
/// sent yet, resolves series ids to labels, and moves its position after each accepted batch.
///
/// It has its own SQLite connection to the file (WAL: reads never wait for the writer), so
/// sending never takes the writer's lock; only the small position update is a write. The store
/// must have been opened with `HistoryOptions.remoteWriteLog`.
public final class RemoteWriteLog: @unchecked Sendable {
    /// Where an endpoint is in the log: the next sample to send is sample `index` of row `seq`.
    public struct Position: Sendable, Hashable, Comparable {
        public var seq: Int64
        public var index: Int

        public init(seq: Int64, index: Int) {
            self.seq = seq
            self.index = index
        }

        public static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.seq, lhs.index) < (rhs.seq, rhs.index)
        }
    }

    /// Samples read from the log and the position just after the last of them.
    public struct Batch: Sendable {
        public var entries: [RemoteLogCodec.Entry]
        public var end: Position
        /// When the newest row read was committed, in milliseconds.
        public var committedAt: Int64
    }

    public let path: String
    public let endpoint: String
    private let lock = Mutex(())
    private let connection: SQLiteConnection
    /// The last row decoded, kept because a large cycle is sent over several batches.
    private var decodedRow: (seq: Int64, entries: [RemoteLogCodec.Entry])?

    /// Opens the file for `endpoint`, adding its position row at the oldest row still logged when
    /// it has none.
    public init(path: String, endpoint: String, busyTimeout: PromDuration = .seconds(5)) throws(HistoryError) {
        self.path = path
        self.endpoint = endpoint
        do {
            connection = try SQLiteConnection(path: path, mode: .readWrite)
            connection.setBusyTimeout(milliseconds: Int32(clamping: busyTimeout.milliseconds))
            // As the writer's connection: a commit in WAL mode survives a crash of the process
            // without an fsync; a power loss may send the last few batches again, never lose one.
            try connection.execute("PRAGMA synchronous = NORMAL")
            try connection.execute(RemoteLogSchema.creation)
            let insert = try connection.statement("""
                INSERT OR IGNORE INTO remote_write_position (endpoint, seq, sample_index)
                VALUES (?1, COALESCE((SELECT MIN(seq) FROM remote_write_log),
                    (SELECT seq FROM sqlite_sequence WHERE name = 'remote_write_log') + 1, 1), 0)
                """)
            insert.bind(1, endpoint)
            try insert.run()
        } catch {
            throw HistoryError(error)
        }
    }

    /// Removes the positions of endpoints no longer configured, so the rows they had not sent can
    /// go; call once with every endpoint's name when the endpoint list changes.
    public static func keepOnly(endpoints: Set<String>, path: String) throws(HistoryError) {
        do throws(SQLiteError) {
            let connection = try SQLiteConnection(path: path, mode: .readWrite)
            defer { connection.close() }
            connection.setBusyTimeout(milliseconds: 5000)
            try connection.execute(RemoteLogSchema.creation)
            try connection.writeTransaction { () throws(SQLiteError) in
                let names = try connection.statement("SELECT endpoint FROM remote_write_position")
                var stale: [String] = []
                while try names.step() {
                    let name = names.text(0)
                    if !endpoints.contains(name) { stale.append(name) }
                }
                let delete = try connection.statement("DELETE FROM remote_write_position WHERE endpoint = ?1")
                for name in stale {
                    delete.reset()
                    delete.bind(1, name)
                    try delete.run()
                }
            }
        } catch {
            throw HistoryError(error)
        }
    }

    public func close() { lock.withLock { _ in connection.close() } }

    private func locked<Result>(_ body: () throws(SQLiteError) -> Result) throws(HistoryError) -> Result {
        try lock.withLock { (_) throws(HistoryError) -> Result in
            do throws(SQLiteError) { return try body() } catch { throw HistoryError(error) }
        }
    }

    /// The stored position and the samples retention has taken from this endpoint so far.
    public func position() throws(HistoryError) -> (position: Position, dropped: Int64) {
        try locked { () throws(SQLiteError) in
            let query = try connection.statement(
                "SELECT seq, sample_index, dropped FROM remote_write_position WHERE endpoint = ?1")
            query.bind(1, endpoint)
            defer { query.reset() }
            guard try query.step() else { return (Position(seq: 1, index: 0), 0) }
            return (Position(seq: query.int64(0), index: query.int(1)), query.int64(2))
        }
    }

    /// Up to `maxSamples` samples from `position` on, in commit order; empty when nothing is
    /// newer. Rows retention deleted are skipped (the position row counts them).
    public func read(from position: Position, maxSamples: Int) throws(HistoryError) -> Batch {
        try locked { () throws(SQLiteError) in
            var batch = Batch(entries: [], end: position, committedAt: 0)
            // The payload is fetched on its own: a row is read by several batches, and selecting
            // it with the row would copy its overflow pages for each of them.
            let rows = try connection.statement(
                "SELECT seq, committed_at FROM remote_write_log WHERE seq >= ?1 ORDER BY seq LIMIT 64")
            rows.bind(1, position.seq)
            defer { rows.reset() }
            while batch.entries.count < maxSamples, try rows.step() {
                let seq = rows.int64(0)
                let entries: [RemoteLogCodec.Entry]
                if let cached = decodedRow, cached.seq == seq {
                    entries = cached.entries
                } else {
                    let payload = try connection.statement("SELECT payload FROM remote_write_log WHERE seq = ?1")
                    payload.bind(1, seq)
                    defer { payload.reset() }
                    guard try payload.step(), let decoded = RemoteLogCodec.decode(payload.blob(0)) else {
                        throw SQLiteError.corrupt(path, "remote_write_log row \(seq) does not decode")
                    }
                    entries = decoded
                    decodedRow = (seq, decoded)
                }
                let start = seq == batch.end.seq ? min(batch.end.index, entries.count) : 0
                let take = min(entries.count - start, maxSamples - batch.entries.count)
                batch.entries.append(contentsOf: entries[start..<(start + take)])
                batch.committedAt = rows.int64(1)
                batch.end = start + take == entries.count
                    ? Position(seq: seq + 1, index: 0) : Position(seq: seq, index: start + take)
            }
            return batch
        }
    }

    /// Samples logged at or after `position` (what this endpoint has yet to send).
    public func pendingSamples(from position: Position) throws(HistoryError) -> Int64 {
        try locked { () throws(SQLiteError) in
            let query = try connection.statement(
                "SELECT COALESCE(SUM(count), 0), MIN(seq) FROM remote_write_log WHERE seq >= ?1")
            query.bind(1, position.seq)
            defer { query.reset() }
            guard try query.step() else { return 0 }
            let sent = !query.isNull(1) && query.int64(1) == position.seq ? Int64(position.index) : 0
            return max(0, query.int64(0) - sent)
        }
    }

    /// Records that everything before `position` reached the endpoint, and deletes the rows every
    /// endpoint has passed, in one small transaction. Never moves the position backwards (retention
    /// may have moved it past a batch in flight).
    public func advance(to position: Position) throws(HistoryError) {
        try locked { () throws(SQLiteError) in
            try connection.writeTransaction { () throws(SQLiteError) in
                let update = try connection.statement("""
                    UPDATE remote_write_position SET seq = ?2, sample_index = ?3
                    WHERE endpoint = ?1 AND (seq < ?2 OR (seq = ?2 AND sample_index < ?3))
                    """)
                update.bind(1, endpoint)
                update.bind(2, position.seq)
                update.bind(3, position.index)
                try update.run()
                if position.index == 0 {
                    try connection.statement(
                        "DELETE FROM remote_write_log WHERE seq < (SELECT MIN(seq) FROM remote_write_position)"
                    ).run()
                }
            }
        }
        if position.index == 0 { lock.withLock { _ in if let row = decodedRow, row.seq < position.seq { decodedRow = nil } } }
    }

    /// Labels of each series id asked for; ids the file does not have are left out.
    public func labels(of seriesIDs: [Int64]) throws(HistoryError) -> [Int64: Labels] {
        try locked { () throws(SQLiteError) in
            var found: [Int64: Labels] = [:]
            guard let low = seriesIDs.min(), let high = seriesIDs.max() else { return found }
            // Series seen for the first time are mostly a run of new ids: one range scan reads them
            // all, where a lookup each would pay a statement step per series.
            if high - low < Int64(seriesIDs.count) * 4 {
                let wanted = Set(seriesIDs)
                let scan = try connection.statement("SELECT id, labels FROM series WHERE id BETWEEN ?1 AND ?2")
                defer { scan.reset() }
                scan.bind(1, low)
                scan.bind(2, high)
                while try scan.step() {
                    let id = scan.int64(0)
                    if wanted.contains(id), let labels = LabelsCodec.decode(scan.blob(1)) { found[id] = labels }
                }
                return found
            }
            let query = try connection.statement("SELECT labels FROM series WHERE id = ?1")
            for id in seriesIDs {
                query.reset()
                query.bind(1, id)
                if try query.step(), let labels = LabelsCodec.decode(query.blob(0)) { found[id] = labels }
            }
            query.reset()
            return found
        }
    }
}
