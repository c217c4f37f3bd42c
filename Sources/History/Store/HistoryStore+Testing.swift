extension HistoryStore {
    /// Caps the file at `pages` pages on the writer's connection (`PRAGMA max_page_count`), to simulate a full disk.
    func limitPages(to pages: Int) throws(HistoryError) {
        try withWriter { (state) throws(SQLiteError) in _ = try state.connection.scalar("PRAGMA max_page_count = \(pages)") }
    }

    /// Pages the database file has now.
    func pageCount() throws(HistoryError) -> Int64 {
        try withWriter { (state) throws(SQLiteError) in try state.connection.scalar("PRAGMA page_count") ?? 0 }
    }
}
