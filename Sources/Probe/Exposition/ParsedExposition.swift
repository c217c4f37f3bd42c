public import TimeSeries

/// A whole exposition read at once: its samples and families, checked for series given twice.
public struct ParsedExposition: Sendable {
    public var samples: [Sample]
    /// The families in the order they first appear.
    public var families: [MetricFamily]
    /// The size of the exposition read.
    public var byteCount: Int

    public init(samples: [Sample], families: [MetricFamily], byteCount: Int) {
        self.samples = samples
        self.families = families
        self.byteCount = byteCount
    }

    /// Parses `bytes`; throws the first syntax or rule error, or else, pointing at its second
    /// occurrence, the first series (labels and timestamp) given twice, which Prometheus rejects.
    public static func parse(
        _ bytes: [UInt8], format: ExpositionFormat, strict: Bool = false
    ) throws(ExpositionParseError) -> ParsedExposition {
        var parser = ExpositionParser(bytes: bytes, format: format, strict: strict)
        var samples: [Sample] = []
        var duplicates = DuplicateSeriesCheck()
        try bytes.withUnsafeBufferPointer { (buffer) throws(ExpositionParseError) in
            while let entry = try parser.next(in: buffer) {
                guard case .sample(let sample, _) = entry else { continue }
                samples.append(sample)
                duplicates.append(hash: parser.lastSeriesHash, offset: parser.lastSampleOffset)
            }
            if let duplicate = duplicates.firstDuplicate(in: samples) {
                let sample = samples[duplicate]
                let at = sample.timestamp.map { " at timestamp \($0.milliseconds)" } ?? ""
                let cursor = ByteCursor(locating: duplicates.offsets[duplicate], in: buffer)
                throw cursor.error("duplicate series \(MessageText.shortened(sample.labels.description))\(at)")
            }
        }
        let families = parser.familyTable.families.map {
            MetricFamily(name: $0.name, type: $0.type, help: $0.help, unit: $0.unit, sampleCount: $0.sampleCount)
        }
        return ParsedExposition(samples: samples, families: families, byteCount: bytes.count)
    }
}


/// Finds a series given twice in one exposition (the same labels and timestamp), once all samples are read.
///
/// Probing a hash table once per sample costs a cache miss per sample on large expositions, so
/// instead the series hashes are collected in document order and radix-sorted, which touches
/// memory sequentially; real labels are compared only where hashes meet.
private struct DuplicateSeriesCheck {
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
