extension WriterState {
    /// Writes every open head chunk as a chunk row and empties the tail, in one transaction.
    func flushHeads() throws(SQLiteError) {
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
            try writeChunks(chunks)
            try connection.statement("DELETE FROM tail").run()
            try after.save(since: before, to: connection)
        }
        keepInMemory(chunks, windowStart: .min)
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
            try returnFreePages(all: true)
            _ = try connection.scalar("PRAGMA wal_checkpoint(TRUNCATE)")
        } catch {
            throw HistoryError(error)
        }
    }
}
