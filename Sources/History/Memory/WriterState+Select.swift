internal import TimeSeries

extension WriterState {
    /// Every series matching all `matchers` with samples in `from...through`, the same answer as
    /// `SeriesReader.select`: read from memory for each series whose memory reaches back to `from`,
    /// from the file for the others (older windows, or data written before the store was opened).
    func select(_ matchers: [LabelMatcher], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        guard from <= through else { return [] }
        return try select(positions: index.postings.positions(matching: matchers), from: from, through: through)
            .sorted(by: SeriesData.labelOrder)
    }

    /// The newest sample in `(time − lookback, time]` of each matching series that `keep` accepts, in
    /// label order. A series' last sample answers directly when it is not after `time` and memory
    /// holds it; otherwise the window is selected.
    func latestSamples(
        _ matchers: [LabelMatcher], at time: Int64, lookback: Int64, keep: (Double) -> Bool
    ) throws(SQLiteError) -> [LatestStoredSample] {
        var found: [LatestStoredSample] = []
        var windowed: [Int] = []
        let after = time - lookback
        for position in index.postings.positions(matching: matchers) {
            let last = index.slots[position].lastTimestamp
            guard last <= time, last > index.slots[position].memoryAfter else {
                windowed.append(position)
                continue
            }
            let value = index.slots[position].lastValue
            guard last > after, keep(value) else { continue }
            found.append(LatestStoredSample(labels: index.slots[position].labels, timestamp: last, value: value))
        }
        if !windowed.isEmpty, after < time {
            for data in try select(positions: windowed, from: after + 1, through: time) {
                guard let last = data.timestamps.last, let value = data.values.last, keep(value) else { continue }
                found.append(LatestStoredSample(labels: data.labels, timestamp: last, value: value))
            }
        }
        return found.sorted { $0.labels.storage.lexicographicallyPrecedes($1.labels.storage) }
    }

    /// The selection for these slots, unordered.
    private func select(positions: [Int], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        var found: [SeriesData] = []
        var fromFile: [Int64] = []
        for position in positions {
            guard from > index.slots[position].memoryAfter else {
                fromFile.append(index.slots[position].id)
                continue
            }
            // Nothing stored at or after `from`: skip the series without decoding anything.
            guard index.slots[position].lastTimestamp >= from else { continue }
            var data = SeriesData(labels: index.slots[position].labels, timestamps: [], values: [])
            try readMemory(at: position, from: from, through: through, into: &data)
            if !data.timestamps.isEmpty { found.append(data) }
        }
        if !fromFile.isEmpty {
            fromFile.sort()
            found += try SeriesReader(connection: connection).select(ids: fromFile, from: from, through: through)
        }
        return found
    }

    /// The samples of one slot's in-memory chunks and head in `from...through`.
    private func readMemory(at position: Int, from: Int64, through: Int64, into data: inout SeriesData) throws(SQLiteError) {
        for chunk in index.slots[position].recent where chunk.maxTimestamp >= from && chunk.minTimestamp <= through {
            guard ChunkDecoder.decode(chunk.bytes, from: from, through: through, timestamps: &data.timestamps, values: &data.values)
            else { throw SQLiteError.corrupt(path, "an in-memory chunk of series \(index.slots[position].id) does not decode") }
        }
        let head = index.slots[position].head
        if !head.isEmpty, head.lastTimestamp >= from, head.firstTimestamp <= through {
            guard ChunkDecoder.decode(head.encoded, from: from, through: through, timestamps: &data.timestamps, values: &data.values)
            else { throw SQLiteError.corrupt(path, "the head of series \(index.slots[position].id) does not decode") }
        }
        SeriesReader.sortIfNeeded(&data)
    }
}
