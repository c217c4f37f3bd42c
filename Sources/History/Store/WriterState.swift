internal import CSQLite
internal import TimeSeries

/// Everything the writer holds behind the store's lock: the connection, the in-memory index with
/// the open head chunks, the cycle number and the counters.
///
/// Every field mirrors what is committed in the file: a cycle is planned without touching this
/// state, written in one transaction, and applied only once the commit succeeded.
final class WriterState {
    let path: String
    let options: HistoryOptions
    let connection: SQLiteConnection
    private(set) var lock: WriterLock?
    var index = SeriesIndex()
    /// The number the next tail row gets.
    var cycle: Int64 = 1
    /// Every tail row below this cycle is deleted.
    var tailDeletedBelow: Int64 = 1
    var counters = StoreCounters()
    var cyclesSinceRetention = 0
    /// The slot position where the next retention step starts.
    var retentionCursor = 0
    /// Per-slot scratch for planning a cycle: `marks[slot] == generation` means the slot already has
    /// an accepted sample in this cycle, whose time and value are in `pendingTimestamps`/`pendingValues`.
    var marks: [UInt32] = []
    var generation: UInt32 = 0
    var pendingTimestamps: [Int64] = []
    var pendingValues: [Double] = []

    init(path: String, options: HistoryOptions) throws(HistoryError) {
        self.path = path
        self.options = options
        if StoreFile.state(of: path) == .other { throw StoreFile.notSQLite(path) }
        lock = try WriterLock(databasePath: path)
        do {
            connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        } catch {
            throw Self.openError(error)
        }
        connection.setBusyTimeout(milliseconds: Int32(clamping: options.busyTimeout.milliseconds))
        guard !connection.isReadOnly else {
            throw HistoryError(kind: .readOnly, path: path, detail: "the file cannot be opened for writing")
        }
        let contents = try Schema.inspect(connection)
        do throws(SQLiteError) {
            if contents == .empty { try connection.execute(Schema.creation) }
            try OutboxSchema.apply(on: connection)
            try RemoteLogSchema.apply(on: connection, enabled: options.remoteWriteLog)
            _ = try connection.scalar("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384")
            try load()
        } catch {
            throw HistoryError(error)
        }
    }

    func close() {
        _ = try? connection.scalar("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        lock?.release()
        lock = nil
    }

    var isClosed: Bool { !connection.isOpen }

    /// A file that cannot be opened is most often in a directory this process cannot write.
    private static func openError(_ error: SQLiteError) -> HistoryError {
        if error.primary == SQLITE_CANTOPEN || error.primary == SQLITE_READONLY || error.primary == SQLITE_PERM {
            return HistoryError(kind: .readOnly, path: error.path, detail: error.message)
        }
        return HistoryError(error)
    }

    /// Makes room in the per-slot scratch arrays and starts a new planning generation.
    func beginPlanning() {
        let needed = index.slots.count
        if marks.count < needed {
            marks.append(contentsOf: repeatElement(0, count: needed - marks.count))
            pendingTimestamps.append(contentsOf: repeatElement(0, count: needed - pendingTimestamps.count))
            pendingValues.append(contentsOf: repeatElement(0, count: needed - pendingValues.count))
        }
        generation &+= 1
        if generation == 0 {
            for position in marks.indices { marks[position] = 0 }
            generation = 1
        }
    }
}
