internal import Synchronization
public import TimeSeries

/// A read-only view of a history file, safe to use while an agent in another process writes it.
///
/// Each call reads one consistent snapshot: whole poll cycles, never part of one.
// @unchecked: `connection` is only ever touched under `lock`.
public final class HistoryReader: HistoryReading, @unchecked Sendable {
    public let path: String
    /// Guards `connection`, which serves one call at a time.
    private let lock = Mutex(())
    private let connection: SQLiteConnection

    /// Opens an existing history file read-only; no writer lock is taken.
    public init(path: String, busyTimeout: PromDuration = .seconds(5)) throws(HistoryError) {
        self.path = path
        switch StoreFile.state(of: path) {
        case .absent: throw HistoryError(kind: .notFound, path: path, detail: "")
        case .other: throw StoreFile.notSQLite(path)
        case .empty: throw HistoryError(kind: .foreign, path: path, detail: "the file is empty")
        case .sqlite: break
        }
        let opened: SQLiteConnection
        do {
            opened = try SQLiteConnection(path: path, mode: .readOnly)
        } catch {
            throw HistoryError(error)
        }
        opened.setBusyTimeout(milliseconds: Int32(clamping: busyTimeout.milliseconds))
        guard try Schema.inspect(opened) == .history else {
            throw HistoryError(kind: .foreign, path: path, detail: "an empty SQLite database")
        }
        connection = opened
    }

    /// Runs a read on the connection, mapping SQLite failures to `HistoryError`.
    private func reading<Result>(
        _ body: (SeriesReader) throws(SQLiteError) -> Result
    ) throws(HistoryError) -> Result {
        try lock.withLock { (_) throws(HistoryError) -> Result in
            do throws(SQLiteError) {
                return try body(SeriesReader(connection: connection))
            } catch {
                throw HistoryError(error)
            }
        }
    }

    public func select(_ matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws(HistoryError) -> [SeriesData] {
        try reading { reader throws(SQLiteError) in
            try reader.select(matchers, from: from.milliseconds, through: through.milliseconds)
        }
    }

    public func labelNames() throws(HistoryError) -> [String] {
        try reading { reader throws(SQLiteError) in try reader.labelNames() }
    }

    public func labelValues(name: String) throws(HistoryError) -> [String] {
        try reading { reader throws(SQLiteError) in try reader.labelValues(name: name) }
    }

    public var seriesCount: Int {
        get throws(HistoryError) { try reading { reader throws(SQLiteError) in try reader.seriesCount } }
    }

    public var sampleCount: Int {
        get throws(HistoryError) { try stats().sampleCount }
    }

    public func stats() throws(HistoryError) -> HistoryStats {
        try reading { reader throws(SQLiteError) in try reader.stats() }
    }

    /// Runs a read on the bare connection, for tables beside the samples.
    func readingConnection<Result>(_ body: (SQLiteConnection) throws(SQLiteError) -> Result) throws(HistoryError) -> Result {
        try lock.withLock { (_) throws(HistoryError) -> Result in
            do throws(SQLiteError) {
                return try body(connection)
            } catch {
                throw HistoryError(error)
            }
        }
    }

    /// Closes the connection; later calls fail with `.closed`.
    public func close() {
        lock.withLock { _ in connection.close() }
    }
}
