internal import TimeSeries

/// Retention a few thousand series at a time: where the next step starts and how many cycles
/// passed since the last, so writes never stop for it.
struct RetentionPass {
    /// The slot position where the next step starts.
    private var cursor = 0
    /// The series id after which the next step's walk over series only in the file starts.
    private var fileCursor: Int64 = 0
    private var cyclesSinceLast = 0

    /// Whether the cycle being appended runs a step.
    func isDue(options: HistoryOptions) -> Bool { cyclesSinceLast + 1 >= options.retentionEveryCycles }

    /// Counts a committed cycle, which ran `step` if it was due.
    mutating func counted(_ step: RetentionStep?) {
        cyclesSinceLast = step == nil ? cyclesSinceLast + 1 : 0
    }

    /// Deletes chunk rows wholly older than `cutoff` for the next batch of series, drops series left
    /// with no data, and returns free pages to the file system when many have piled up. Runs inside
    /// a cycle's transaction; a slot given a sample in that cycle (`planner`) is never dropped.
    func step(
        cutoff: Int64, index: SeriesIndex, planner: CyclePlanner, options: HistoryOptions, connection: SQLiteConnection
    ) throws(SQLiteError) -> RetentionStep {
        var step = RetentionStep()
        step.cutoff = cutoff
        let slotCount = index.slots.count
        guard slotCount > 0 else { return step }
        let delete = try connection.statement("DELETE FROM chunks WHERE series_id = ?1 AND max_t < ?2 RETURNING count")
        let remaining = try connection.statement("SELECT 1 FROM chunks WHERE series_id = ?1 LIMIT 1")
        var position = cursor < slotCount ? cursor : 0
        for _ in 0..<min(options.retentionSeriesPerStep, slotCount) {
            defer { position = (position + 1) % slotCount }
            guard index.slots[position].inUse else { continue }
            let id = index.slots[position].id
            step.visitedSlots.append(position)
            delete.reset()
            delete.bind(1, id)
            delete.bind(2, cutoff)
            while try delete.step() {
                step.deletedChunks += 1
                step.deletedSamples += delete.int(0)
            }
            delete.reset()
            let slot = index.slots[position]
            guard slot.head.isEmpty, !planner.acceptedSample(at: position), slot.lastTimestamp < cutoff else { continue }
            remaining.reset()
            remaining.bind(1, id)
            let hasChunks = try remaining.step()
            remaining.reset()
            if !hasChunks { try Self.dropSeries(at: position, index: index, into: &step, connection: connection) }
        }
        step.nextCursor = position
        if index.evictedThrough > .min {
            try fileOnlyStep(cutoff: cutoff, index: index, options: options, into: &step, connection: connection)
        }
        try Self.returnFreePages(on: connection)
        return step
    }

    /// The same for the next batch of series that left memory and live in the file alone, by id.
    private func fileOnlyStep(
        cutoff: Int64, index: SeriesIndex, options: HistoryOptions, into step: inout RetentionStep, connection: SQLiteConnection
    ) throws(SQLiteError) {
        let batch = try connection.statement("SELECT id, labels FROM series WHERE id > ?1 ORDER BY id LIMIT ?2")
        batch.bind(1, fileCursor)
        batch.bind(2, options.retentionSeriesPerStep)
        var found: [(id: Int64, labels: [UInt8])] = []
        var rows = 0
        var lastID = fileCursor
        while try batch.step() {
            rows += 1
            lastID = batch.int64(0)
            if index.slot(forID: lastID) == nil { found.append((lastID, batch.blob(1))) }
        }
        batch.reset()
        step.nextFileCursor = rows < options.retentionSeriesPerStep ? 0 : lastID
        let delete = try connection.statement("DELETE FROM chunks WHERE series_id = ?1 AND max_t < ?2 RETURNING count")
        let remaining = try connection.statement("SELECT 1 FROM chunks WHERE series_id = ?1 LIMIT 1")
        for series in found {
            delete.reset()
            delete.bind(1, series.id)
            delete.bind(2, cutoff)
            while try delete.step() {
                step.deletedChunks += 1
                step.deletedSamples += delete.int(0)
            }
            delete.reset()
            remaining.reset()
            remaining.bind(1, series.id)
            let hasChunks = try remaining.step()
            remaining.reset()
            guard !hasChunks, let labels = LabelsCodec.decode(series.labels) else { continue }
            try Self.dropFileSeries(id: series.id, labels: labels, into: &step, connection: connection)
        }
    }

    /// Deletes a series memory does not hold, its postings, and the label pairs no series uses any more.
    private static func dropFileSeries(
        id: Int64, labels: Labels, into step: inout RetentionStep, connection: SQLiteConnection
    ) throws(SQLiteError) {
        let lookup = FileSeriesLookup(connection: connection)
        try dropRows(of: id, labels: labels, pairID: { (label) throws(SQLiteError) in try lookup.pairID(label) }, into: &step, connection: connection)
    }

    private static func dropSeries(
        at position: Int, index: SeriesIndex, into step: inout RetentionStep, connection: SQLiteConnection
    ) throws(SQLiteError) {
        let slot = index.slots[position]
        try dropRows(of: slot.id, labels: slot.labels, pairID: { index.pairID($0) }, into: &step, connection: connection)
        step.droppedSlots.append(position)
    }

    /// Deletes series `id`, its postings, and the label pairs no series uses any more; a pair
    /// this step already dropped has no postings left to delete.
    private static func dropRows(
        of id: Int64, labels: Labels, pairID: (Label) throws(SQLiteError) -> Int64?, into step: inout RetentionStep,
        connection: SQLiteConnection
    ) throws(SQLiteError) {
        let series = try connection.statement("DELETE FROM series WHERE id = ?1")
        series.bind(1, id)
        try series.run()
        let posting = try connection.statement("DELETE FROM postings WHERE pair_id = ?1 AND series_id = ?2")
        let used = try connection.statement("SELECT 1 FROM postings WHERE pair_id = ?1 LIMIT 1")
        let pair = try connection.statement("DELETE FROM label_pairs WHERE id = ?1")
        for label in labels {
            guard !step.droppedPairs.contains(label), let pairID = try pairID(label) else { continue }
            posting.reset()
            posting.bind(1, pairID)
            posting.bind(2, id)
            try posting.run()
            used.reset()
            used.bind(1, pairID)
            let stillUsed = try used.step()
            used.reset()
            guard !stillUsed else { continue }
            pair.reset()
            pair.bind(1, pairID)
            try pair.run()
            step.droppedPairs.append(label)
        }
    }

    /// Free pages are reused by new rows, so only a large surplus is handed back (`auto_vacuum=INCREMENTAL`).
    static func returnFreePages(all: Bool = false, on connection: SQLiteConnection) throws(SQLiteError) {
        let free = try connection.scalar("PRAGMA freelist_count") ?? 0
        let pages = try connection.scalar("PRAGMA page_count") ?? 0
        let keep = all ? 0 : pages / 8
        guard free > 0, all || free > pages / 4 else { return }
        try connection.execute("PRAGMA incremental_vacuum(\(free - keep))")
    }

    /// Makes memory match a committed step; the visited slots also drop chunks that left the
    /// in-memory window (before `windowStart`), so series that stopped reporting free theirs too.
    mutating func apply(_ step: RetentionStep, windowStart: Int64, to index: inout SeriesIndex) {
        for position in step.visitedSlots where index.slots[position].inUse {
            index.dropRecentChunks(at: position, endingBefore: max(step.cutoff, windowStart))
        }
        for label in step.droppedPairs { index.removePair(label) }
        for position in step.droppedSlots { index.remove(slot: position) }
        cursor = step.nextCursor
        fileCursor = step.nextFileCursor
    }
}

/// What one bounded retention step deleted, applied to memory after its transaction commits.
struct RetentionStep {
    var deletedChunks = 0
    var deletedSamples = 0
    /// Slots of series that have no data left and were deleted with their postings.
    var droppedSlots: [Int] = []
    /// Label pairs no series uses any more.
    var droppedPairs: [Label] = []
    /// Slots whose chunk rows older than `cutoff` this step deleted: their in-memory chunks go too.
    var visitedSlots: [Int] = []
    var cutoff = Int64.min
    /// Where the next step starts.
    var nextCursor = 0
    /// Where the next step's walk over series only in the file starts.
    var nextFileCursor: Int64 = 0
}
