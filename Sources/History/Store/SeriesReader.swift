internal import TimeSeries

/// The read path shared by the writer and by readers in other processes: postings, chunk rows
/// overlapping the range, then the durable tail for samples still in open head chunks.
struct SeriesReader {
    let connection: SQLiteConnection

    /// Every series matching all `matchers` with at least one sample in `from...through` (both ends included).
    func select(_ matchers: [LabelMatcher], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        guard from <= through else { return [] }
        // One read transaction: the writer moving samples from the tail into chunks cannot fall between two queries.
        return try connection.readTransaction { () throws(SQLiteError) -> [SeriesData] in
            try series(PostingsReader(connection: connection).seriesIDs(matching: matchers), from: from, through: through)
        }
    }

    /// The series with these ids (ascending) that have samples in `from...through`, in label order.
    func select(ids: [Int64], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        guard from <= through, !ids.isEmpty else { return [] }
        return try connection.readTransaction { () throws(SQLiteError) -> [SeriesData] in
            try series(ids, from: from, through: through)
        }
    }

    private func series(_ ids: [Int64], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        guard !ids.isEmpty else { return [] }
        var found: [SeriesData] = []
        found.reserveCapacity(ids.count)
        var positions: [Int64: Int] = [:]
        positions.reserveCapacity(ids.count)
        let labels = try connection.statement("SELECT labels FROM series WHERE id = ?1")
        for id in ids {
            labels.reset()
            labels.bind(1, id)
            guard try labels.step() else { continue }
            guard let decoded = LabelsCodec.decode(labels.blob(0)) else {
                labels.reset()
                throw SQLiteError.corrupt(connection.path, "series \(id) has malformed labels")
            }
            var data = SeriesData(labels: decoded, timestamps: [], values: [])
            try readChunks(of: id, from: from, through: through, into: &data)
            positions[id] = found.count
            found.append(data)
        }
        labels.reset()
        try readTail(ids, from: from, through: through, into: &found, positions: positions)
        return found.filter { !$0.timestamps.isEmpty }.sorted(by: SeriesData.labelOrder)
    }

    /// Chunk rows overlap `from...through` only if `from <= max_t <= through + maxChunkSpan`, an index range.
    private func readChunks(of id: Int64, from: Int64, through: Int64, into data: inout SeriesData) throws(SQLiteError) {
        let chunks = try connection.statement(
            "SELECT min_t, data FROM chunks WHERE series_id = ?1 AND max_t >= ?2 AND max_t <= ?3 ORDER BY max_t")
        defer { chunks.reset() }
        chunks.bind(1, id)
        chunks.bind(2, from)
        chunks.bind(3, through > Int64.max - Schema.maxChunkSpan ? Int64.max : through + Schema.maxChunkSpan)
        while try chunks.step() {
            guard chunks.int64(0) <= through else { continue }
            guard ChunkDecoder.decode(chunks.blob(1), from: from, through: through,
                                      timestamps: &data.timestamps, values: &data.values)
            else { throw SQLiteError.corrupt(connection.path, "a chunk of series \(id) does not decode") }
        }
        Self.sortIfNeeded(&data)
    }

    /// Tail samples newer than a series' chunk samples are the ones still in its open head.
    private func readTail(
        _ ids: [Int64], from: Int64, through: Int64, into found: inout [SeriesData], positions: [Int64: Int]
    ) throws(SQLiteError) {
        let rows = try connection.statement(
            "SELECT cycle, data FROM tail WHERE max_t >= ?1 AND min_t <= ?2 ORDER BY cycle")
        defer { rows.reset() }
        rows.bind(1, from)
        rows.bind(2, through)
        var chunkEnd = found.map { $0.timestamps.last ?? .min }
        while try rows.step() {
            let decoded = TailBlock.decode(rows.blob(1), wanted: ids) { entry in
                guard entry.timestamp >= from, entry.timestamp <= through, let position = positions[entry.series],
                    entry.timestamp > chunkEnd[position]
                else { return }
                chunkEnd[position] = entry.timestamp
                found[position].timestamps.append(entry.timestamp)
                found[position].values.append(entry.value)
            }
            guard decoded else { throw SQLiteError.corrupt(connection.path, "tail row \(rows.int64(0)) does not decode") }
        }
    }

    /// Imported chunks may overlap; live ones never do, so this is usually a single pass.
    static func sortIfNeeded(_ data: inout SeriesData) {
        let times = data.timestamps
        guard zip(times, times.dropFirst()).contains(where: { $0 >= $1 }) else { return }
        let order = times.indices.sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
        var timestamps: [Int64] = []
        var values: [Double] = []
        for position in order where timestamps.last != times[position] {
            timestamps.append(times[position])
            values.append(data.values[position])
        }
        data.timestamps = timestamps
        data.values = values
    }
}

extension SeriesReader {
    var seriesCount: Int {
        get throws(SQLiteError) { Int(try connection.scalar("SELECT count(*) FROM series") ?? 0) }
    }

    func labelNames() throws(SQLiteError) -> [String] {
        try PostingsReader(connection: connection).labelNames()
    }

    func labelValues(name: String) throws(SQLiteError) -> [String] {
        try PostingsReader(connection: connection).labelValues(name: name)
    }

    func stats() throws(SQLiteError) -> HistoryStats {
        try connection.readTransaction { () throws(SQLiteError) -> HistoryStats in
            let counters = try StoreCounters(connection: connection)
            let series = try seriesCount
            let tailRows = Int(try connection.scalar("SELECT count(*) FROM tail") ?? 0)
            return HistoryStats(
                fileBytes: StoreFile.size(of: connection.path), seriesCount: series, chunkCount: counters.chunkCount,
                sampleCount: counters.chunkSamples + counters.headSamples, headSamples: counters.headSamples,
                tailCycles: tailRows, outOfOrderRejected: counters.outOfOrder, duplicatesRejected: counters.duplicates)
        }
    }
}
