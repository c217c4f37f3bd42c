internal import TimeSeries

/// Finds in the file what memory no longer holds: label pair ids, and series that left memory
/// when they went stale and now report again, so they keep their id instead of a second row.
struct FileSeriesLookup {
    let connection: SQLiteConnection

    /// The pair's id in `label_pairs`, if the file has it.
    func pairID(_ label: Label) throws(SQLiteError) -> Int64? {
        let query = try connection.statement("SELECT id FROM label_pairs WHERE name = ?1 AND value = ?2")
        defer { query.reset() }
        query.bind(1, label.name)
        query.bind(2, label.value)
        return try query.step() ? query.int64(0) : nil
    }

    /// The id of the series with exactly these labels among the series of `pairID`'s postings
    /// that memory does not hold.
    func seriesID(_ labels: Labels, postedUnder pairID: Int64, index: SeriesIndex) throws(SQLiteError) -> Int64? {
        let postings = try connection.statement("SELECT series_id FROM postings WHERE pair_id = ?1")
        var candidates: [Int64] = []
        postings.bind(1, pairID)
        while try postings.step() {
            let id = postings.int64(0)
            if index.slot(forID: id) == nil { candidates.append(id) }
        }
        postings.reset()
        let series = try connection.statement("SELECT labels FROM series WHERE id = ?1")
        defer { series.reset() }
        for id in candidates {
            series.reset()
            series.bind(1, id)
            guard try series.step() else { continue }
            if LabelsCodec.decode(series.blob(0)) == labels { return id }
        }
        return nil
    }

    /// A series as memory holds it after it was written out: its last sample from its newest
    /// chunk row, memory starting after that row.
    func slot(id: Int64, labels: Labels) throws(SQLiteError) -> SeriesSlot {
        var slot = SeriesSlot(id: id, labels: labels)
        let last = try connection.statement(
            "SELECT max_t, data FROM chunks WHERE series_id = ?1 ORDER BY max_t DESC LIMIT 1")
        defer { last.reset() }
        last.bind(1, id)
        guard try last.step() else { return slot }
        var timestamps: [Int64] = []
        var values: [Double] = []
        guard ChunkDecoder.decodeAll(last.blob(1), timestamps: &timestamps, values: &values), let lastTimestamp = timestamps.last
        else { throw SQLiteError.corrupt(connection.path, "a chunk of series \(id) does not decode") }
        slot.lastTimestamp = max(lastTimestamp, last.int64(0))
        slot.lastValue = values.last ?? 0
        slot.hasChunks = true
        slot.memoryAfter = last.int64(0)
        return slot
    }
}
