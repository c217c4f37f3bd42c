internal import TimeSeries

/// What one cycle will change, worked out before anything is written.
///
/// A sample's `key` is its slot position, or `-(k + 1)` for the k-th series new in this cycle.
struct AppendPlan {
    struct PlannedSample {
        var key: Int
        var timestamp: Int64
        var value: Double
        /// The slot's head is written out before this sample starts a new one.
        var restartsHead = false
    }

    /// A chunk row to insert.
    struct PlannedChunk {
        var seriesID: Int64
        var minTimestamp: Int64
        var maxTimestamp: Int64
        var count: Int
        var bytes: [UInt8]

        init(seriesID: Int64, head: ChunkEncoder) {
            self.seriesID = seriesID
            minTimestamp = head.firstTimestamp
            maxTimestamp = head.lastTimestamp
            count = head.count
            bytes = head.encoded
        }
    }

    /// The head a series ends the cycle with when it was rebuilt sample by sample.
    struct RebuiltHead {
        var head: ChunkEncoder
        var firstCycle: Int64
        /// A chunk row was cut from the series in this cycle.
        var cut: Bool
    }

    var summary = AppendSummary()
    /// The cycle's time, in milliseconds: where the in-memory window ends.
    var now: Int64 = 0
    var accepted: [PlannedSample] = []
    var newSeries: [Labels] = []
    var firstNewSeriesID: Int64 = 0
    var newPairs: [(label: Label, id: Int64)] = []
    var newPairIDs: [Label: Int64] = [:]
    /// Slots with more than one accepted sample in this cycle.
    var multiSample: Set<Int> = []
    var chunks: [PlannedChunk] = []
    /// Slots whose head is written out and left empty (idle, or holding the oldest tail cycle).
    var closedHeads: [Int] = []
    var rebuiltHeads: [Int: RebuiltHead] = [:]
    var tailEntries: [TailBlock.Entry] = []
    /// Tail rows below this cycle can be deleted in this transaction.
    var deleteTailBelow: Int64?
    var retention: RetentionStep?

    func seriesID(for key: Int, in index: SeriesIndex) -> Int64 {
        key >= 0 ? index.slots[key].id : firstNewSeriesID + Int64(-key - 1)
    }

    /// Label pairs of new series that the index does not have yet get the next pair ids.
    mutating func assignPairIDs(index: SeriesIndex) {
        var nextID = index.nextPairID
        for labels in newSeries {
            for label in labels where index.pairID(label) == nil && newPairIDs[label] == nil {
                newPairIDs[label] = nextID
                newPairs.append((label, nextID))
                nextID += 1
            }
        }
    }

    /// Inserts the new series, their label pairs and postings.
    func writeNewSeries(index: SeriesIndex, to connection: SQLiteConnection) throws(SQLiteError) {
        guard !newSeries.isEmpty else { return }
        let pair = try connection.statement("INSERT INTO label_pairs (id, name, value) VALUES (?1, ?2, ?3)")
        for new in newPairs {
            pair.reset()
            pair.bind(1, new.id)
            pair.bind(2, new.label.name)
            pair.bind(3, new.label.value)
            try pair.run()
        }
        let series = try connection.statement("INSERT INTO series (id, labels) VALUES (?1, ?2)")
        let posting = try connection.statement("INSERT INTO postings (pair_id, series_id) VALUES (?1, ?2)")
        for (offset, labels) in newSeries.enumerated() {
            let id = firstNewSeriesID + Int64(offset)
            series.reset()
            series.bind(1, id)
            series.bind(2, blob: LabelsCodec.encode(labels))
            try series.run()
            for label in labels {
                guard let pairID = index.pairID(label) ?? newPairIDs[label] else { continue }
                posting.reset()
                posting.bind(1, pairID)
                posting.bind(2, id)
                try posting.run()
            }
        }
    }

    /// Inserts the cycle's tail row as row `cycle`.
    func writeTail(cycle: Int64, to connection: SQLiteConnection) throws(SQLiteError) {
        guard !tailEntries.isEmpty else { return }
        var low = Int64.max
        var high = Int64.min
        for entry in tailEntries {
            low = min(low, entry.timestamp)
            high = max(high, entry.timestamp)
        }
        let insert = try connection.statement(
            "INSERT INTO tail (cycle, min_t, max_t, count, data) VALUES (?1, ?2, ?3, ?4, ?5)")
        insert.bind(1, cycle)
        insert.bind(2, low)
        insert.bind(3, high)
        insert.bind(4, tailEntries.count)
        insert.bind(5, blob: TailBlock.encode(tailEntries, base: low))
        try insert.run()
    }

    /// Inserts chunk rows.
    static func write(_ chunks: [PlannedChunk], to connection: SQLiteConnection) throws(SQLiteError) {
        guard !chunks.isEmpty else { return }
        let insert = try connection.statement(
            "INSERT INTO chunks (series_id, min_t, max_t, count, data) VALUES (?1, ?2, ?3, ?4, ?5)")
        for chunk in chunks {
            insert.reset()
            insert.bind(1, chunk.seriesID)
            insert.bind(2, chunk.minTimestamp)
            insert.bind(3, chunk.maxTimestamp)
            insert.bind(4, chunk.count)
            insert.bind(5, blob: chunk.bytes)
            try insert.run()
        }
    }
}

/// What one `append` did with its samples; every sample is counted exactly once.
public struct AppendSummary: Sendable, Equatable {
    /// Samples stored.
    public var appended = 0
    /// Samples at the same timestamp as the series' last one with the same value, dropped silently.
    public var repeated = 0
    /// Samples at the same timestamp as the series' last one with another value, rejected.
    public var duplicates = 0
    /// Samples older than the series' last one, rejected.
    public var outOfOrder = 0
    /// Series seen for the first time.
    public var newSeries = 0
    /// Head chunks written out as chunk rows in this cycle.
    public var chunksWritten = 0
    /// Samples of new series the series budget refused.
    public var refusedSamples = 0
    /// New series the series budget refused, by the name of the source that sent them.
    public var refusedSeries: [String: Int] = [:]
    /// Staleness markers for series the store does not hold in memory, dropped: a marker cannot start a series.
    public var orphanMarkers = 0
    /// Series held in memory once the cycle is stored.
    public var liveSeries = 0

    public init() {}

    /// Samples given to the call.
    public var total: Int { appended + repeated + duplicates + outOfOrder + refusedSamples + orphanMarkers }
}

/// What one `importSamples` did.
public struct ImportSummary: Sendable, Equatable {
    /// Samples written as chunks.
    public var imported = 0
    /// Samples without a timestamp, which an import cannot place.
    public var withoutTimestamp = 0
    /// Samples whose series and timestamp appeared earlier in the same import; the first was kept.
    public var duplicates = 0
    public var newSeries = 0
    public var chunksWritten = 0

    public init() {}
}
