internal import TimeSeries

extension WriterState {
    /// Every series matching all `matchers` with samples in `from...through`, the same answer as
    /// `SeriesReader.select`: read from memory for each series whose memory reaches back to `from`,
    /// from the file for the others (older windows, or data written before the store was opened).
    func select(_ matchers: [LabelMatcher], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        guard from <= through else { return [] }
        index.refreshOrder()
        return try read(inLabelOrder(index.postings.positions(matching: matchers)), from: from, through: through)
    }

    /// The newest sample in `(time − lookback, time]` of each matching series that `keep` accepts, in
    /// label order. A series' last sample answers directly when it is not after `time` and memory
    /// holds it; otherwise the window is selected.
    func latestSamples(
        _ matchers: [LabelMatcher], at time: Int64, lookback: Int64, keep: (Double) -> Bool
    ) throws(SQLiteError) -> [LatestStoredSample] {
        index.refreshOrder()
        let rank = index.order.rank
        var found: [(rank: Int, sample: LatestStoredSample)] = []
        var windowed: [Int] = []
        let after = time - lookback
        for position in index.postings.positions(matching: matchers) {
            let last = index.slots[position].lastTimestamp
            // The last sample is the series' newest anywhere: at or before the window, nothing is in it.
            if last <= after { continue }
            guard last <= time, last > index.slots[position].memoryAfter else {
                windowed.append(position)
                continue
            }
            let value = index.slots[position].lastValue
            guard keep(value) else { continue }
            found.append((rank[position], LatestStoredSample(labels: index.slots[position].labels, timestamp: last, value: value)))
        }
        if !windowed.isEmpty, after < time {
            for data in try read(inLabelOrder(windowed), from: after + 1, through: time) {
                guard let last = data.timestamps.last, let value = data.values.last, keep(value),
                    let position = index.slot(for: data.labels)
                else { continue }
                found.append((rank[position], LatestStoredSample(labels: data.labels, timestamp: last, value: value)))
            }
        }
        return found.sorted { $0.rank < $1.rank }.map(\.sample)
    }

    /// Positions sorted by their labels' rank: integer comparisons instead of label comparisons.
    private func inLabelOrder(_ positions: [Int]) -> [Int] {
        let rank = index.order.rank
        return positions.sorted { rank[$0] < rank[$1] }
    }

    /// The selection for these slots, given and returned in label order.
    private func read(_ positions: [Int], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        var found: [SeriesData] = []
        var fromFile: [Int64] = []
        for position in positions {
            // Nothing stored at or after `from` (the last sample is the newest anywhere): nothing to read.
            guard index.slots[position].lastTimestamp >= from else { continue }
            guard from > index.slots[position].memoryAfter else {
                fromFile.append(index.slots[position].id)
                continue
            }
            var data = SeriesData(labels: index.slots[position].labels, timestamps: [], values: [])
            try readMemory(at: position, from: from, through: through, into: &data)
            if !data.timestamps.isEmpty { found.append(data) }
        }
        guard !fromFile.isEmpty else { return found }
        fromFile.sort()
        let file = try SeriesReader(connection: connection).select(ids: fromFile, from: from, through: through)
        return Self.merge(found, file)
    }

    /// Two selections in label order as one.
    private static func merge(_ lhs: [SeriesData], _ rhs: [SeriesData]) -> [SeriesData] {
        guard !lhs.isEmpty else { return rhs }
        guard !rhs.isEmpty else { return lhs }
        var merged: [SeriesData] = []
        merged.reserveCapacity(lhs.count + rhs.count)
        var left = 0
        var right = 0
        while left < lhs.count, right < rhs.count {
            if SeriesData.labelOrder(rhs[right], lhs[left]) {
                merged.append(rhs[right])
                right += 1
            } else {
                merged.append(lhs[left])
                left += 1
            }
        }
        merged += lhs[left...]
        merged += rhs[right...]
        return merged
    }

    /// The samples of one slot's in-memory chunks and head in `from...through`.
    private func readMemory(at position: Int, from: Int64, through: Int64, into data: inout SeriesData) throws(SQLiteError) {
        // Room for every sample that may be in range at once: growing the arrays sample by sample
        // costs more allocations than the decoding itself for short windows.
        var capacity = index.slots[position].head.count
        for chunk in index.slots[position].recent where chunk.maxTimestamp >= from && chunk.minTimestamp <= through {
            capacity += chunk.count
        }
        data.timestamps.reserveCapacity(capacity)
        data.values.reserveCapacity(capacity)
        for chunk in index.slots[position].recent where chunk.maxTimestamp >= from && chunk.minTimestamp <= through {
            guard ChunkDecoder.decode(chunk.bytes, from: from, through: through, timestamps: &data.timestamps, values: &data.values)
            else { throw SQLiteError.corrupt(path, "an in-memory chunk of series \(index.slots[position].id) does not decode") }
        }
        let head = index.slots[position].head
        if !head.isEmpty, head.lastTimestamp >= from, head.firstTimestamp <= through {
            guard head.decode(from: from, through: through, timestamps: &data.timestamps, values: &data.values)
            else { throw SQLiteError.corrupt(path, "the head of series \(index.slots[position].id) does not decode") }
        }
        SeriesReader.sortIfNeeded(&data)
    }
}
