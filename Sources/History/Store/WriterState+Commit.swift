internal import TimeSeries

extension WriterState {
    /// Plans, writes in one transaction, then applies a cycle; on failure nothing in memory changes.
    func append(_ samples: [Sample], at now: Timestamp) throws(HistoryError) -> AppendSummary {
        guard !isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
        var plan = planAppend(samples, at: now)
        let before = counters
        var after = counters
        after.outOfOrder += plan.summary.outOfOrder
        after.duplicates += plan.summary.duplicates
        let cutSamples = plan.chunks.reduce(0) { $0 + $1.count }
        after.chunkCount += plan.chunks.count
        after.chunkSamples += cutSamples
        after.headSamples += plan.accepted.count - cutSamples
        let retentionDue = cyclesSinceRetention + 1 >= options.retentionEveryCycles
        do {
            try connection.writeTransaction { () throws(SQLiteError) in
                try writeNewSeries(plan)
                try writeTail(plan.tailEntries)
                try writeChunks(plan.chunks)
                try writeRemoteLog(plan, retentionDue: retentionDue)
                if let below = plan.deleteTailBelow {
                    let delete = try connection.statement("DELETE FROM tail WHERE cycle < ?1")
                    delete.bind(1, below)
                    try delete.run()
                }
                if retentionDue {
                    let step = try runRetention(cutoff: now.milliseconds - options.retention.milliseconds)
                    after.chunkCount -= step.deletedChunks
                    after.chunkSamples -= step.deletedSamples
                    plan.retention = step
                }
                try after.save(since: before, to: connection)
            }
        } catch {
            throw HistoryError(error, samplesNotStored: plan.accepted.count)
        }
        apply(plan)
        counters = after
        cyclesSinceRetention = retentionDue ? 0 : cyclesSinceRetention + 1
        return plan.summary
    }

    func writeNewSeries(_ plan: AppendPlan) throws(SQLiteError) {
        guard !plan.newSeries.isEmpty else { return }
        let pair = try connection.statement("INSERT INTO label_pairs (id, name, value) VALUES (?1, ?2, ?3)")
        for new in plan.newPairs {
            pair.reset()
            pair.bind(1, new.id)
            pair.bind(2, new.label.name)
            pair.bind(3, new.label.value)
            try pair.run()
        }
        let series = try connection.statement("INSERT INTO series (id, labels) VALUES (?1, ?2)")
        let posting = try connection.statement("INSERT INTO postings (pair_id, series_id) VALUES (?1, ?2)")
        for (offset, labels) in plan.newSeries.enumerated() {
            let id = plan.firstNewSeriesID + Int64(offset)
            series.reset()
            series.bind(1, id)
            series.bind(2, blob: LabelsCodec.encode(labels))
            try series.run()
            for label in labels {
                guard let pairID = pairID(label, in: plan) else { continue }
                posting.reset()
                posting.bind(1, pairID)
                posting.bind(2, id)
                try posting.run()
            }
        }
    }

    private func writeTail(_ entries: [TailBlock.Entry]) throws(SQLiteError) {
        guard !entries.isEmpty else { return }
        var low = Int64.max
        var high = Int64.min
        for entry in entries {
            low = min(low, entry.timestamp)
            high = max(high, entry.timestamp)
        }
        let insert = try connection.statement(
            "INSERT INTO tail (cycle, min_t, max_t, count, data) VALUES (?1, ?2, ?3, ?4, ?5)")
        insert.bind(1, cycle)
        insert.bind(2, low)
        insert.bind(3, high)
        insert.bind(4, entries.count)
        insert.bind(5, blob: TailBlock.encode(entries, base: low))
        try insert.run()
    }

    func writeChunks(_ chunks: [AppendPlan.PlannedChunk]) throws(SQLiteError) {
        guard !chunks.isEmpty else { return }
        let insert = try connection.statement(
            "INSERT INTO chunks (series_id, min_t, max_t, count, data) VALUES (?1, ?2, ?3, ?4, ?5)")
        for chunk in chunks {
            insert.reset()
            insert.bind(1, chunk.seriesID)
            insert.bind(2, chunk.minTimestamp)
            insert.bind(3, chunk.maxTimestamp)
            insert.bind(4, chunk.count)
            insert.bind(5, blob: chunk.bytes)
            try insert.run()
        }
    }

    /// Makes memory match the committed cycle.
    private func apply(_ plan: AppendPlan) {
        var newPositions: [Int] = []
        newPositions.reserveCapacity(plan.newSeries.count)
        for (offset, labels) in plan.newSeries.enumerated() {
            newPositions.append(index.insert(SeriesSlot(id: plan.firstNewSeriesID + Int64(offset), labels: labels)))
        }
        for pair in plan.newPairs { index.addPair(pair.label, id: pair.id) }
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
        keepInMemory(plan.chunks, windowStart: windowStart)
        if let step = plan.retention { applyRetention(step, windowStart: windowStart) }
    }
}
