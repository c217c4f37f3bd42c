internal import TimeSeries

extension WriterState {
    /// Rebuilds the in-memory state from the file: the index, each series' last sample, and the
    /// open head chunks from the tail rows whose samples are newer than the series' last chunk.
    func load() throws(SQLiteError) {
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
