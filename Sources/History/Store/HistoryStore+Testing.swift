internal import TimeSeries

extension HistoryStore {
    /// Caps the file at `pages` pages on the writer's connection (`PRAGMA max_page_count`), to simulate a full disk.
    func limitPages(to pages: Int) throws(HistoryError) {
        try withWriter { (state) throws(SQLiteError) in _ = try state.connection.scalar("PRAGMA max_page_count = \(pages)") }
    }

    /// Pages the database file has now.
    func pageCount() throws(HistoryError) -> Int64 {
        try withWriter { (state) throws(SQLiteError) in try state.connection.scalar("PRAGMA page_count") ?? 0 }
    }

    /// Makes queuing a notification fail, as a store that hiccups would, until called with
    /// false: a temporary trigger on the writer's connection aborts every outbox insert, so the
    /// file itself is never changed.
    func failOutboxWrites(_ fail: Bool) throws(HistoryError) {
        try withWriter { (state) throws(SQLiteError) in
            try state.connection.execute(
                fail
                    ? """
                    CREATE TEMP TRIGGER IF NOT EXISTS fail_outbox_insert BEFORE INSERT ON main.outbox
                    BEGIN SELECT RAISE(ABORT, 'injected outbox failure'); END
                    """
                    : "DROP TRIGGER IF EXISTS temp.fail_outbox_insert")
        }
    }
}

extension HistoryStore {
    /// How many series the writer can answer from memory for a window starting at `from`.
    func seriesServedFromMemory(from: Timestamp) -> Int {
        (try? withWriter { (state) throws(SQLiteError) in
            state.index.slots.count { $0.inUse && $0.memoryAfter < from.milliseconds }
        }) ?? 0
    }
}
