/// Running totals kept in the `counters` table, so other processes can report them.
struct StoreCounters: Equatable {
    var chunkCount = 0
    var chunkSamples = 0
    var headSamples = 0
    var outOfOrder = 0
    var duplicates = 0

    /// Rows of the `counters` table, by name.
    var rows: [(name: String, value: Int)] {
        [("chunk_count", chunkCount), ("chunk_samples", chunkSamples), ("head_samples", headSamples),
         ("out_of_order", outOfOrder), ("duplicates", duplicates)]
    }

    init() {}

    /// Reads the `counters` table.
    init(connection: SQLiteConnection) throws(SQLiteError) {
        let query = try connection.statement("SELECT name, value FROM counters")
        defer { query.reset() }
        while try query.step() {
            let value = query.int(1)
            switch query.text(0) {
            case "chunk_count": chunkCount = value
            case "chunk_samples": chunkSamples = value
            case "head_samples": headSamples = value
            case "out_of_order": outOfOrder = value
            case "duplicates": duplicates = value
            default: break
            }
        }
    }

    /// Writes the rows that differ from `old`.
    func save(since old: StoreCounters, to connection: SQLiteConnection) throws(SQLiteError) {
        let update = try connection.statement("UPDATE counters SET value = ?2 WHERE name = ?1")
        for (new, previous) in zip(rows, old.rows) where new.value != previous.value {
            update.reset()
            update.bind(1, new.name)
            update.bind(2, new.value)
            try update.run()
        }
    }
}
