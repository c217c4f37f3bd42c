extension SQLiteConnection {
    /// Runs `body` in a write transaction taken at once (`BEGIN IMMEDIATE`), so a busy database fails
    /// here rather than halfway; any error rolls the whole transaction back.
    func writeTransaction<Result>(_ body: () throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        try statement("BEGIN IMMEDIATE").run()
        do {
            let result = try body()
            try statement("COMMIT").run()
            return result
        } catch {
            rollBack()
            throw error
        }
    }

    /// Runs `body` in a read transaction, so every query in it sees one snapshot of the file.
    func readTransaction<Result>(_ body: () throws(SQLiteError) -> Result) throws(SQLiteError) -> Result {
        try statement("BEGIN").run()
        defer { rollBack() }
        return try body()
    }

    /// Ends an open transaction without keeping its changes; SQLite may already have done so after an error.
    func rollBack() {
        guard inTransaction else { return }
        try? execute("ROLLBACK")
    }
}
