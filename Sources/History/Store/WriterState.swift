internal import CSQLite
internal import TimeSeries

/// Everything the writer holds behind the store's lock: the connection, the in-memory index with
/// the open head chunks, the cycle number and the counters.
///
/// Every field mirrors what is committed in the file: a cycle is planned (`CyclePlanner`)
/// without touching this state, written in one transaction, and applied only once the commit
/// succeeded.
final class WriterState {
    let path: String
    let connection: SQLiteConnection
    private let options: HistoryOptions
    private var lock: WriterLock?
    private(set) var index = SeriesIndex()
    private(set) var counters = StoreCounters()
    /// The number the next tail row gets.
    private var cycle: Int64 = 1
    /// Every tail row below this cycle is deleted.
    private var tailDeletedBelow: Int64 = 1
    private var planner = CyclePlanner()
    private var retention = RetentionPass()

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
            try EvidenceSchema.apply(on: connection)
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

    /// Bytes of compressed samples held in memory: open heads plus recent chunks.
    var memoryChunkBytes: Int { index.memoryChunkBytes }

    // MARK: Reading

    /// `select`'s reads from the file and copies of its in-memory series, to decode once the
    /// writer is free.
    func detachSelect(_ matchers: [LabelMatcher], from: Int64, through: Int64) throws(SQLiteError) -> DetachedSelection {
        index.refreshOrder()
        return try WindowReader(index: index, connection: connection, path: path).detachSelect(matchers, from: from, through: through)
    }

    /// The newest sample in `(time − lookback, time]` of each matching series that `keep` accepts, in label order.
    func latestSamples(
        _ matchers: [LabelMatcher], at time: Int64, lookback: Int64, keep: (Double) -> Bool
    ) throws(SQLiteError) -> [LatestStoredSample] {
        index.refreshOrder()
        return try WindowReader(index: index, connection: connection, path: path)
            .latestSamples(matchers, at: time, lookback: lookback, keep: keep)
    }

    // MARK: Appending a cycle

    /// Admits, plans, writes in one transaction, then applies a cycle; on failure nothing in memory
    /// changes but returning series brought back from the file, which memory holds as the file does.
    func append(_ samples: [Sample], at now: Timestamp, sources: [SampleSource]) throws(HistoryError) -> AppendSummary {
        guard !isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
        var admission = SeriesAdmission()
        let slots: [Int]
        do {
            slots = try admission.admit(samples, sources: sources, budget: options.seriesBudget, index: &index, connection: connection)
        } catch {
            throw HistoryError(error, samplesNotStored: samples.count)
        }
        var plan = planner.plan(
            samples, slots: slots, at: now, index: index, cycle: cycle, tailDeletedBelow: tailDeletedBelow, options: options)
        plan.summary.refusedSamples = admission.refusedSamples
        plan.summary.refusedSeries = admission.refusedSeries
        plan.summary.orphanMarkers = admission.orphanMarkers
        let before = counters
        var after = counters
        after.outOfOrder += plan.summary.outOfOrder
        after.duplicates += plan.summary.duplicates
        let cutSamples = plan.chunks.reduce(0) { $0 + $1.count }
        after.chunkCount += plan.chunks.count
        after.chunkSamples += cutSamples
        after.headSamples += plan.accepted.count - cutSamples
        let retentionDue = retention.isDue(options: options)
        do {
            try connection.writeTransaction { () throws(SQLiteError) in
                try plan.writeNewSeries(index: index, to: connection)
                try plan.writeTail(cycle: cycle, to: connection)
                try AppendPlan.write(plan.chunks, to: connection)
                if let below = plan.deleteTailBelow {
                    let delete = try connection.statement("DELETE FROM tail WHERE cycle < ?1")
                    delete.bind(1, below)
                    try delete.run()
                }
                if retentionDue {
                    let step = try retention.step(
                        cutoff: now.milliseconds - options.retention.milliseconds, index: index, planner: planner, options: options,
                        connection: connection)
                    after.chunkCount -= step.deletedChunks
                    after.chunkSamples -= step.deletedSamples
                    plan.retention = step
                    try EvidenceSchema.deleteOlder(than: step.cutoff, on: connection)
                }
                try RemoteLogWriter.write(plan, index: index, retentionDue: retentionDue, options: options, connection: connection)
                try after.save(since: before, to: connection)
            }
        } catch {
            throw HistoryError(error, samplesNotStored: plan.accepted.count)
        }
        apply(plan)
        counters = after
        retention.counted(plan.retention)
        plan.summary.liveSeries = index.count
        return plan.summary
    }

    /// Puts a committed plan's new series and label pairs into memory; their slot positions, in
    /// the plan's order.
    private func insertNewSeries(of plan: AppendPlan) -> [Int] {
        var positions: [Int] = []
        positions.reserveCapacity(plan.newSeries.count)
        index.reserve(additional: plan.newSeries.count)
        for (offset, labels) in plan.newSeries.enumerated() {
            positions.append(index.insert(SeriesSlot(id: plan.firstNewSeriesID + Int64(offset), labels: labels)))
        }
        for pair in plan.newPairs { index.addPair(pair.label, id: pair.id) }
        return positions
    }

    /// Makes memory match the committed cycle.
    private func apply(_ plan: AppendPlan) {
        let newPositions = insertNewSeries(of: plan)
        for position in plan.closedHeads {
            index.slots[position].head = ChunkEncoder()
            index.slots[position].hasChunks = true
        }
        for sample in plan.accepted where sample.key >= 0 && !plan.multiSample.contains(sample.key) {
            let position = sample.key
            if sample.restartsHead {
                index.slots[position].head = ChunkEncoder()
                index.slots[position].hasChunks = true
            }
            if index.slots[position].head.isEmpty { index.slots[position].headFirstCycle = cycle }
            index.slots[position].head.append(sample.timestamp, sample.value)
            index.slots[position].lastTimestamp = sample.timestamp
            index.slots[position].lastValue = sample.value
        }
        for (key, rebuilt) in plan.rebuiltHeads {
            let position = key >= 0 ? key : newPositions[-key - 1]
            index.slots[position].head = rebuilt.head
            index.slots[position].headFirstCycle = rebuilt.firstCycle
            if rebuilt.cut { index.slots[position].hasChunks = true }
            index.slots[position].lastTimestamp = rebuilt.head.lastTimestamp
            index.slots[position].lastValue = rebuilt.head.lastValue
        }
        if !plan.tailEntries.isEmpty { cycle += 1 }
        if let below = plan.deleteTailBelow { tailDeletedBelow = below }
        let windowStart = plan.now - options.memoryWindow.milliseconds
        index.keepInMemory(plan.chunks, windowStart: windowStart)
        if let step = plan.retention { retention.apply(step, windowStart: windowStart, to: &index) }
        evictStale(before: windowStart)
    }

    /// Lets series with no sample inside the memory window leave memory once their head is
    /// written out; their data stays in the file, where reads that reach back to them go.
    private func evictStale(before windowStart: Int64) {
        for position in index.slots.indices
        where index.slots[position].inUse && index.slots[position].lastTimestamp < windowStart && index.slots[position].head.isEmpty {
            index.evict(slot: position)
        }
    }

    // MARK: Flushing

    /// Writes every open head chunk as a chunk row and empties the tail, in one transaction.
    private func flushHeads() throws(SQLiteError) {
        var chunks: [AppendPlan.PlannedChunk] = []
        var positions: [Int] = []
        for position in index.slots.indices where index.slots[position].inUse && !index.slots[position].head.isEmpty {
            chunks.append(.init(seriesID: index.slots[position].id, head: index.slots[position].head))
            positions.append(position)
        }
        let before = counters
        var after = counters
        let samples = chunks.reduce(0) { $0 + $1.count }
        after.chunkCount += chunks.count
        after.chunkSamples += samples
        after.headSamples -= samples
        try connection.writeTransaction { () throws(SQLiteError) in
            try AppendPlan.write(chunks, to: connection)
            try connection.statement("DELETE FROM tail").run()
            try after.save(since: before, to: connection)
        }
        index.keepInMemory(chunks, windowStart: .min)
        for position in positions {
            index.slots[position].head = ChunkEncoder()
            index.slots[position].hasChunks = true
        }
        tailDeletedBelow = cycle
        counters = after
    }

    /// Flushes the heads, hands every free page back and folds the write-ahead log into the file.
    func flush() throws(HistoryError) {
        guard !isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
        do throws(SQLiteError) {
            try flushHeads()
            try RetentionPass.returnFreePages(all: true, on: connection)
            _ = try connection.scalar("PRAGMA wal_checkpoint(TRUNCATE)")
        } catch {
            throw HistoryError(error)
        }
    }

    // MARK: Importing

    /// Writes samples given in any order straight into chunk rows, series by series.
    ///
    /// Open heads are flushed first, and each series' last timestamp moves up to the newest
    /// imported one, so live appends stay in order behind imported data.
    func importSamples(
        _ samples: [Sample], batchSamples: Int, progress: ((Int, Int) -> Void)?
    ) throws(HistoryError) -> ImportSummary {
        guard !isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
        var summary = ImportSummary()
        var order: [Labels: Int] = [:]
        var groups: [(labels: Labels, points: [(timestamp: Int64, value: Double)])] = []
        for sample in samples {
            guard let timestamp = sample.timestamp?.milliseconds else {
                summary.withoutTimestamp += 1
                continue
            }
            if let known = order[sample.labels] {
                groups[known].points.append((timestamp, sample.value))
            } else {
                order[sample.labels] = groups.count
                groups.append((sample.labels, [(timestamp, sample.value)]))
            }
        }
        let total = samples.count - summary.withoutTimestamp
        var done = 0
        do throws(SQLiteError) {
            try flushHeads()
            var start = 0
            while start < groups.count {
                var end = start
                var batch = 0
                while end < groups.count, batch < batchSamples || end == start {
                    batch += groups[end].points.count
                    end += 1
                }
                try importBatch(groups[start..<end], summary: &summary)
                done += batch
                progress?(done, total)
                start = end
            }
        } catch {
            throw HistoryError(error, samplesNotStored: total - done)
        }
        return summary
    }

    private func importBatch(
        _ groups: ArraySlice<(labels: Labels, points: [(timestamp: Int64, value: Double)])>,
        summary: inout ImportSummary
    ) throws(SQLiteError) {
        var plan = AppendPlan()
        plan.firstNewSeriesID = index.nextSeriesID
        var newest: [(key: Int, timestamp: Int64, value: Double)] = []
        let lookup = FileSeriesLookup(connection: connection)
        for group in groups {
            let key: Int
            if index.slot(for: group.labels) == nil, index.evictedThrough > .min {
                try SeriesAdmission.restore(group.labels, lookup: lookup, index: &index)
            }
            if let position = index.slot(for: group.labels) {
                key = position
            } else {
                plan.newSeries.append(group.labels)
                key = -plan.newSeries.count
            }
            let seriesID = plan.seriesID(for: key, in: index)
            // Sorting positions keeps the first of equal timestamps: the order the file gave them in.
            let sorted = group.points.indices.sorted {
                let (lhs, rhs) = (group.points[$0].timestamp, group.points[$1].timestamp)
                return lhs != rhs ? lhs < rhs : $0 < $1
            }
            var head = ChunkEncoder()
            for position in sorted {
                let point = group.points[position]
                if !head.isEmpty, point.timestamp == head.lastTimestamp {
                    summary.duplicates += 1
                    continue
                }
                if !head.isEmpty,
                    head.count >= options.chunkSamples || point.timestamp - head.firstTimestamp > Schema.maxChunkSpan
                {
                    plan.chunks.append(.init(seriesID: seriesID, head: head))
                    head = ChunkEncoder()
                }
                head.append(point.timestamp, point.value)
                summary.imported += 1
            }
            if !head.isEmpty {
                plan.chunks.append(.init(seriesID: seriesID, head: head))
                newest.append((key, head.lastTimestamp, head.lastValue))
            }
        }
        plan.assignPairIDs(index: index)
        let before = counters
        var after = counters
        after.chunkCount += plan.chunks.count
        after.chunkSamples += plan.chunks.reduce(0) { $0 + $1.count }
        try connection.writeTransaction { () throws(SQLiteError) in
            try plan.writeNewSeries(index: index, to: connection)
            try AppendPlan.write(plan.chunks, to: connection)
            try after.save(since: before, to: connection)
        }
        let newPositions = insertNewSeries(of: plan)
        for last in newest {
            let position = last.key >= 0 ? last.key : newPositions[-last.key - 1]
            index.slots[position].hasChunks = true
            // Imported chunks are only in the file, and may overlap what memory holds.
            index.raiseMemoryFloor(at: position, to: last.timestamp)
            if last.timestamp > index.slots[position].lastTimestamp {
                index.slots[position].lastTimestamp = last.timestamp
                index.slots[position].lastValue = last.value
            }
        }
        counters = after
        summary.newSeries += plan.newSeries.count
        summary.chunksWritten += plan.chunks.count
    }

    // MARK: Loading

    /// Rebuilds the in-memory state from the file: the index, each series' last sample, and the
    /// open head chunks from the tail rows whose samples are newer than the series' last chunk.
    private func load() throws(SQLiteError) {
        let series = try connection.statement("SELECT id, labels FROM series")
        while try series.step() {
            let id = series.int64(0)
            guard let labels = LabelsCodec.decode(series.blob(1)) else {
                series.reset()
                throw SQLiteError.corrupt(path, "series \(id) has malformed labels")
            }
            index.insert(SeriesSlot(id: id, labels: labels))
        }
        series.reset()
        if let sequence = try connection.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'series'") {
            index.nextSeriesID = max(index.nextSeriesID, sequence + 1)
        }
        let pairs = try connection.statement("SELECT id, name, value FROM label_pairs")
        while try pairs.step() { index.addPair(Label(pairs.text(1), pairs.text(2)), id: pairs.int64(0)) }
        pairs.reset()
        try loadLastChunks()
        try loadTail()
        index.nextPairID = max(index.nextPairID, (try connection.scalar("SELECT max(id) FROM label_pairs") ?? 0) + 1)
        // Memory follows live series: the ones stale by the newest sample stay in the file only.
        let newest = index.slots.reduce(Int64.min) { $1.inUse ? max($0, $1.lastTimestamp) : $0 }
        if newest > .min { evictStale(before: newest - options.memoryWindow.milliseconds) }
        counters = try StoreCounters(connection: connection)
        counters.headSamples = index.slots.reduce(0) { $0 + ($1.inUse ? $1.head.count : 0) }
    }

    private func loadLastChunks() throws(SQLiteError) {
        let last = try connection.statement(
            "SELECT max_t, data FROM chunks WHERE series_id = ?1 ORDER BY max_t DESC LIMIT 1")
        defer { last.reset() }
        for position in index.slots.indices where index.slots[position].inUse {
            last.reset()
            last.bind(1, index.slots[position].id)
            guard try last.step() else { continue }
            var timestamps: [Int64] = []
            var values: [Double] = []
            guard ChunkDecoder.decodeAll(last.blob(1), timestamps: &timestamps, values: &values),
                let lastTimestamp = timestamps.last
            else { throw SQLiteError.corrupt(path, "a chunk of series \(index.slots[position].id) does not decode") }
            index.slots[position].lastTimestamp = max(lastTimestamp, last.int64(0))
            index.slots[position].lastValue = values.last ?? 0
            index.slots[position].hasChunks = true
            // Chunk rows are not loaded: memory starts after the newest one.
            index.slots[position].memoryAfter = last.int64(0)
        }
    }

    private func loadTail() throws(SQLiteError) {
        let rows = try connection.statement("SELECT cycle, data FROM tail ORDER BY cycle")
        defer { rows.reset() }
        var first: Int64?
        var latest: Int64?
        while try rows.step() {
            let rowCycle = rows.int64(0)
            first = first ?? rowCycle
            latest = rowCycle
            let decoded = TailBlock.decode(rows.blob(1)) { entry in
                guard let position = index.slot(forID: entry.series),
                    entry.timestamp > index.slots[position].lastTimestamp
                else { return }
                if index.slots[position].head.isEmpty { index.slots[position].headFirstCycle = rowCycle }
                index.slots[position].head.append(entry.timestamp, entry.value)
                index.slots[position].lastTimestamp = entry.timestamp
                index.slots[position].lastValue = entry.value
            }
            guard decoded else { throw SQLiteError.corrupt(path, "tail row of cycle \(rowCycle) does not decode") }
        }
        cycle = (latest ?? 0) + 1
        tailDeletedBelow = first ?? cycle
    }
}
