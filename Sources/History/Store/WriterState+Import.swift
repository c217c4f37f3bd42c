internal import TimeSeries

extension WriterState {
    /// Writes samples given in any order straight into chunk rows, series by series.
    ///
    /// Open heads are flushed first, and each series' last timestamp moves up to the newest
    /// imported one, so live appends stay in order behind imported data.
    func importSamples(
        _ samples: [Sample], batchSamples: Int, progress: ((Int, Int) -> Void)?
    ) throws(HistoryError) -> ImportSummary {
        guard !isClosed else { throw HistoryError(kind: .closed, path: path, detail: "") }
        var summary = ImportSummary()
        var order: [Labels: Int] = [:]
        var groups: [(labels: Labels, points: [(timestamp: Int64, value: Double)])] = []
        for sample in samples {
            guard let timestamp = sample.timestamp?.milliseconds else {
                summary.withoutTimestamp += 1
                continue
            }
            if let known = order[sample.labels] {
                groups[known].points.append((timestamp, sample.value))
            } else {
                order[sample.labels] = groups.count
                groups.append((sample.labels, [(timestamp, sample.value)]))
            }
        }
        let total = samples.count - summary.withoutTimestamp
        var done = 0
        do throws(SQLiteError) {
            try flushHeads()
            var start = 0
            while start < groups.count {
                var end = start
                var batch = 0
                while end < groups.count, batch < batchSamples || end == start {
                    batch += groups[end].points.count
                    end += 1
                }
                try importBatch(groups[start..<end], summary: &summary)
                done += batch
                progress?(done, total)
                start = end
            }
        } catch {
            throw HistoryError(error, samplesNotStored: total - done)
        }
        return summary
    }

    private func importBatch(
        _ groups: ArraySlice<(labels: Labels, points: [(timestamp: Int64, value: Double)])>,
        summary: inout ImportSummary
    ) throws(SQLiteError) {
        var plan = AppendPlan()
        plan.firstNewSeriesID = index.nextSeriesID
        var newest: [(key: Int, timestamp: Int64, value: Double)] = []
        for group in groups {
            let key: Int
            if let position = index.slot(for: group.labels) {
                key = position
            } else {
                plan.newSeries.append(group.labels)
                key = -plan.newSeries.count
            }
            let seriesID = plan.seriesID(for: key, in: index)
            // Sorting positions keeps the first of equal timestamps: the order the file gave them in.
            let sorted = group.points.indices.sorted {
                let (lhs, rhs) = (group.points[$0].timestamp, group.points[$1].timestamp)
                return lhs != rhs ? lhs < rhs : $0 < $1
            }
            var head = ChunkEncoder()
            for position in sorted {
                let point = group.points[position]
                if !head.isEmpty, point.timestamp == head.lastTimestamp {
                    summary.duplicates += 1
                    continue
                }
                if !head.isEmpty,
                    head.count >= options.chunkSamples || point.timestamp - head.firstTimestamp > Schema.maxChunkSpan
                {
                    plan.chunks.append(.init(seriesID: seriesID, head: head))
                    head = ChunkEncoder()
                }
                head.append(point.timestamp, point.value)
                summary.imported += 1
            }
            if !head.isEmpty {
                plan.chunks.append(.init(seriesID: seriesID, head: head))
                newest.append((key, head.lastTimestamp, head.lastValue))
            }
        }
        planPairs(&plan)
        let before = counters
        var after = counters
        after.chunkCount += plan.chunks.count
        after.chunkSamples += plan.chunks.reduce(0) { $0 + $1.count }
        try connection.writeTransaction { () throws(SQLiteError) in
            try writeNewSeries(plan)
            try writeChunks(plan.chunks)
            try after.save(since: before, to: connection)
        }
        var newPositions: [Int] = []
        for (offset, labels) in plan.newSeries.enumerated() {
            newPositions.append(index.insert(SeriesSlot(id: plan.firstNewSeriesID + Int64(offset), labels: labels)))
        }
        for pair in plan.newPairs { index.addPair(pair.label, id: pair.id) }
        for last in newest {
            let position = last.key >= 0 ? last.key : newPositions[-last.key - 1]
            index.slots[position].hasChunks = true
            // Imported chunks are only in the file, and may overlap what memory holds.
            raiseMemoryFloor(at: position, to: last.timestamp)
            if last.timestamp > index.slots[position].lastTimestamp {
                index.slots[position].lastTimestamp = last.timestamp
                index.slots[position].lastValue = last.value
            }
        }
        counters = after
        summary.newSeries += plan.newSeries.count
        summary.chunksWritten += plan.chunks.count
    }
}
