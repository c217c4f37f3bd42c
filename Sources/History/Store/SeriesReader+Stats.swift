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
