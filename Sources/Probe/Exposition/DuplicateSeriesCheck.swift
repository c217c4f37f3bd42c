import TimeSeries

/// Finds a series given twice in one exposition (the same labels and timestamp), once all samples are read.
///
/// Probing a hash table once per sample costs a cache miss per sample on large expositions, so
/// instead the series hashes are collected in document order and radix-sorted, which touches
/// memory sequentially; real labels are compared only where hashes meet.
struct DuplicateSeriesCheck {
    /// What the radix sort moves: a sample's key and its index.
    private struct Entry {
        /// The high half of the series hash; equal series have equal keys.
        var key: UInt32
        var sample: UInt32
    }

    /// What makes two samples the same series here.
    private struct SeriesKey: Hashable {
        var labels: Labels
        var timestamp: Timestamp?
    }

    private var keys: [UInt32] = []
    /// Where each sample starts in the input, to point at a duplicate.
    private(set) var offsets: [Int] = []

    mutating func append(hash: UInt64, offset: Int) {
        keys.append(UInt32(truncatingIfNeeded: hash >> 32))
        offsets.append(offset)
    }

    /// The index of the first sample, in document order, whose series an earlier sample had.
    func firstDuplicate(in samples: [Sample]) -> Int? {
        guard keys.count > 1 else { return nil }
        let sorted = sortedByKey()
        var first: Int?
        var runStart = 0
        for end in 1...sorted.count where end == sorted.count || sorted[end].key != sorted[runStart].key {
            if end - runStart > 1, let repeated = firstRepeat(in: sorted[runStart..<end], samples) {
                first = min(first ?? repeated, repeated)
            }
            runStart = end
        }
        return first
    }

    /// Within one run of equal keys, which is in document order, the first sample seen before.
    private func firstRepeat(in run: ArraySlice<Entry>, _ samples: [Sample]) -> Int? {
        var seen: Set<SeriesKey> = []
        for entry in run {
            let sample = samples[Int(entry.sample)]
            if !seen.insert(SeriesKey(labels: sample.labels, timestamp: sample.timestamp)).inserted {
                return Int(entry.sample)
            }
        }
        return nil
    }

    /// The entries sorted by key, stably (so document order within a key), by three 11-bit LSD passes.
    private func sortedByKey() -> [Entry] {
        var source = keys.enumerated().map { Entry(key: $0.element, sample: UInt32(truncatingIfNeeded: $0.offset)) }
        var target = source
        for shift in stride(from: UInt32(0), to: 32, by: 11) {
            var starts = [Int](repeating: 0, count: 2049)
            for entry in source { starts[Int((entry.key >> shift) & 0x7FF) + 1] += 1 }
            for digit in 1...2048 { starts[digit] += starts[digit - 1] }
            for entry in source {
                let digit = Int((entry.key >> shift) & 0x7FF)
                target[starts[digit]] = entry
                starts[digit] += 1
            }
            swap(&source, &target)
        }
        return source
    }
}
