internal import TimeSeries

/// Reads selections the way the writer holds them: from memory for each series whose in-memory
/// window reaches back far enough, from the file for the others. The caller refreshes the
/// index's label order first and keeps the index unchanged while this lives.
struct WindowReader {
    let index: SeriesIndex
    let connection: SQLiteConnection
    let path: String

    /// The matching series that left memory when they went stale, when the range reaches back to them.
    private func fileOnly(_ matchers: [LabelMatcher], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        guard from <= index.evictedThrough else { return [] }
        let ids = try PostingsReader(connection: connection).seriesIDs(matching: matchers).filter { index.slot(forID: $0) == nil }
        return try SeriesReader(connection: connection).select(ids: ids, from: from, through: through)
    }

    /// The newest sample in `(time − lookback, time]` of each matching series that `keep` accepts, in
    /// label order. A series' last sample answers directly when it is not after `time` and memory
    /// holds it; otherwise the window is selected.
    func latestSamples(
        _ matchers: [LabelMatcher], at time: Int64, lookback: Int64, keep: (Double) -> Bool
    ) throws(SQLiteError) -> [LatestStoredSample] {
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
        let inMemory = found.sorted { $0.rank < $1.rank }.map(\.sample)
        guard after < time else { return inMemory }
        let gone = try fileOnly(matchers, from: after + 1, through: time).compactMap { data -> LatestStoredSample? in
            guard let last = data.timestamps.last, let value = data.values.last, keep(value) else { return nil }
            return LatestStoredSample(labels: data.labels, timestamp: last, value: value)
        }
        guard !gone.isEmpty else { return inMemory }
        return (inMemory + gone).sorted { $0.labels.storage.lexicographicallyPrecedes($1.labels.storage) }
    }

    /// Positions sorted by their labels' rank: integer comparisons instead of label comparisons.
    private func inLabelOrder(_ positions: [Int]) -> [Int] {
        let rank = index.order.rank
        return positions.sorted { rank[$0] < rank[$1] }
    }

    /// The selection for these slots, given and returned in label order.
    private func read(_ positions: [Int], from: Int64, through: Int64) throws(SQLiteError) -> [SeriesData] {
        var found: [SeriesData] = []
        found.reserveCapacity(positions.count)
        var fromFile: [Int64] = []
        var decoder = WindowDecoder(path: path)
        // Slots are read in place: going through `index.slots[position]` copies a slot (its
        // labels, head and chunks retained and released) at every access.
        try index.slots.withUnsafeBufferPointer { (slots) throws(SQLiteError) in
            guard let base = slots.baseAddress else { return }
            for position in positions {
                // Nothing stored at or after `from` (the last sample is the newest anywhere): nothing to read.
                guard slots[position].lastTimestamp >= from else { continue }
                guard from > slots[position].memoryAfter else {
                    fromFile.append(slots[position].id)
                    continue
                }
                if let data = try decoder.decode(base + position, from: from, through: through) { found.append(data) }
            }
        }
        guard !fromFile.isEmpty else { return found }
        fromFile.sort()
        let file = try SeriesReader(connection: connection).select(ids: fromFile, from: from, through: through)
        return Self.merge(found, file)
    }

    /// Every series matching all `matchers` with samples in `from...through` — the same answer as
    /// `SeriesReader.select` — as what memory and the file hold for it, taken while the writer is
    /// held: memory for each series whose memory reaches back to `from`, the file for the others
    /// (older windows, data written before the store was opened, series gone from memory). The
    /// decoding, most of a long selection's time, runs after the writer is free again.
    func detachSelect(_ matchers: [LabelMatcher], from: Int64, through: Int64) throws(SQLiteError) -> DetachedSelection {
        var detached = DetachedSelection(from: from, through: through, path: path)
        guard from <= through else { return detached }
        var fromFile: [Int64] = []
        let positions = inLabelOrder(index.postings.positions(matching: matchers))
        detached.slots.reserveCapacity(positions.count)
        index.slots.withUnsafeBufferPointer { slots in
            for position in positions {
                guard slots[position].lastTimestamp >= from else { continue }
                if from > slots[position].memoryAfter {
                    // A copy shares the slot's chunk bytes; the writer copies a head only if it
                    // appends to it while this selection still holds it.
                    detached.slots.append(slots[position])
                } else {
                    fromFile.append(slots[position].id)
                }
            }
        }
        fromFile.sort()
        let file = fromFile.isEmpty ? [] : try SeriesReader(connection: connection).select(ids: fromFile, from: from, through: through)
        detached.fromFile = Self.merge(file, try fileOnly(matchers, from: from, through: through))
        return detached
    }

    /// Two selections in label order as one.
    static func merge(_ lhs: [SeriesData], _ rhs: [SeriesData]) -> [SeriesData] {
        mergeSorted(lhs, rhs, by: SeriesData.labelOrder)
    }
}
