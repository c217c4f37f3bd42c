import TimeSeries

/// What one target exported before: each series' labels with the target's labels added, and the
/// exact texts (`name{labels}`) that spelled them.
///
/// Prometheus's scrape-cache idea: most series come back every scrape with the same bytes, so a
/// sample whose text matches one that parsed cleanly before skips label reading and reuses that
/// series' labelled `Labels`. Entries carry the number of the read (`pass`) that last met them
/// instead of being rebuilt every scrape; that also tells which series are new for
/// `scrape_series_added` and which were given twice in one read. Stale entries are pruned once
/// they outnumber live ones.
struct TargetSeriesCache {
    /// One series: labels as scraped and as stored.
    struct Series {
        var scraped: Labels
        var labelled: Labels
        /// The parser's hash of `scraped`, which finds the series when a new text spells it.
        var setHash: UInt64
        /// The last read that met it, successful or not: meeting it again in that read is a repeat.
        var readPass = 0
        /// The last successful read that met it; 0 for none.
        var keptPass = 0
        /// The timestamp its first sample in `readPass` gave.
        var firstTimestamp: Timestamp?
    }

    /// A sample of a series met earlier in the same read: a duplicate unless the timestamps differ.
    struct Repeat {
        var series: Int32
        var timestamp: Timestamp?
        /// Where the sample starts in the body, to point at it.
        var offset: Int
    }

    let targetLabels: Labels
    private(set) var series: [Series] = []
    /// Series indices by `setHash`, open addressing; -1 marks an empty slot.
    private var seriesSlots = [Int32](repeating: -1, count: 16)
    /// The series texts met so far; each text's value is its series and its mark where its name ends.
    private(set) var texts = KnownTextTable()
    /// The metadata lines (`# HELP`, `# TYPE`, `# UNIT`) met so far; each line's value indexes
    /// `metadata`, and its mark is where its metric name starts.
    private(set) var metadataLines = KnownTextTable()
    /// What each known metadata line said.
    private(set) var metadata: [ExpositionEntry] = []
    /// How many metadata lines the current read met.
    private var liveMetadataLines = 0
    /// The rules the texts were read under; other rules may read the same bytes differently.
    private var dialect: (format: ExpositionFormat, strict: Bool)?
    /// The number of the current (or last) read.
    private(set) var pass = 0
    /// The last read that succeeded; 0 for none.
    private var keptPass = 0
    /// The series the current read met, once each, in order.
    private var touched: [Int32] = []
    private(set) var repeats: [Repeat] = []
    /// How many texts the current read met.
    private var liveTexts = 0
    /// The metric and label names met so far, kept so a read interns only names it has not seen.
    var names = NameInterner()
    /// How many samples and families the last successful read gave, to size the next one's tables.
    private(set) var lastSampleCount = 0
    private(set) var lastFamilyCount = 0
    /// What `touchMemory` read, kept only so its loads count.
    private var memoryTouchSum: UInt64 = 0
    /// The labels of the synthesized series, built once per target.
    let synthesizedLabels: [Labels]

    static let maxKeptNames = 10_000

    init(targetLabels: Labels) {
        self.targetLabels = targetLabels
        synthesizedLabels = SynthesizedSeries.labels(target: targetLabels)
    }

    /// Starts read number `pass + 1` of a body in `format`.
    mutating func beginRead(format: ExpositionFormat, strict: Bool) {
        if dialect?.format != format || dialect?.strict != strict {
            // Series stay (they are labels, whatever spelled them); texts are only valid under their rules.
            texts.removeAll()
            forgetMetadata()
            dialect = (format, strict)
        }
        pass += 1
        // Names only accumulate; a target that keeps inventing them starts over now and then.
        if names.count > Self.maxKeptNames { names = NameInterner() }
        touchMemory()
        touched.removeAll(keepingCapacity: true)
        repeats.removeAll(keepingCapacity: true)
        liveTexts = 0
        liveMetadataLines = 0
    }

    /// Pulls this target's tables and labels into the CPU cache ahead of a read.
    ///
    /// A poller reads the caches of many targets in turn, far more than the CPU caches hold, so
    /// without this nearly every lookup waits on memory several times: for the text slot, the
    /// stored text, the series and its labels' reference count. Streaming the tables in order and
    /// touching each labels storage up front lets those loads overlap instead.
    private mutating func touchMemory() {
        var sum: UInt64 = 0
        texts.touchMemory(into: &sum)
        metadataLines.touchMemory(into: &sum)
        series.withUnsafeBufferPointer { series in
            for index in series.indices {
                sum &+= UInt64(truncatingIfNeeded: series[index].labelled.count)
            }
        }
        // Stored so the loads are not optimised away.
        memoryTouchSum = sum
    }

    /// The series a known text spells, noting that this read met the text.
    mutating func series(ofText slot: Int) -> Int32 {
        if texts.markSeen(slot, pass: pass) { liveTexts += 1 }
        return texts.value(at: slot)
    }

    /// Remembers a text that just parsed cleanly as `series`, its name ending `nameLength` bytes in.
    mutating func addText(_ text: UnsafeBufferPointer<UInt8>, hash: UInt64, nameLength: Int, series: Int32) {
        texts.insert(text, hash: hash, mark: nameLength, value: series, pass: pass)
        liveTexts += 1
    }

    /// Notes that this read met the known metadata line in `slot`.
    mutating func noteMetadataLine(_ slot: Int) {
        if metadataLines.markSeen(slot, pass: pass) { liveMetadataLines += 1 }
    }

    /// What the known metadata line in `slot` said.
    func metadata(ofLine slot: Int) -> ExpositionEntry {
        metadata[Int(metadataLines.value(at: slot))]
    }

    /// Remembers a metadata line that just parsed cleanly as `entry`, its metric name starting
    /// `nameOffset` bytes in.
    mutating func addMetadataLine(_ line: UnsafeBufferPointer<UInt8>, hash: UInt64, nameOffset: Int, entry: ExpositionEntry) {
        metadataLines.insert(line, hash: hash, mark: nameOffset, value: Int32(metadata.count), pass: pass)
        metadata.append(entry)
        liveMetadataLines += 1
    }

    private mutating func forgetMetadata() {
        metadataLines.removeAll()
        metadata.removeAll()
    }

    /// The series with these scraped labels, added (with the target's labels) when new.
    mutating func series(for labels: Labels, hash: UInt64) -> Int32 {
        let mask = seriesSlots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while seriesSlots[slot] >= 0 {
            let index = seriesSlots[slot]
            if series[Int(index)].setHash == hash, series[Int(index)].scraped == labels { return index }
            slot = (slot + 1) & mask
        }
        let index = Int32(series.count)
        series.append(Series(scraped: labels, labelled: labels.addingTargetLabels(targetLabels), setHash: hash))
        if series.count * 2 > seriesSlots.count {
            rebuildSeriesSlots(capacity: seriesSlots.count * 2)
        } else {
            seriesSlots[slot] = index
        }
        return index
    }

    /// Counts a sample of `index` in this read; true when the series is new since the last
    /// successful read. A series met twice is noted as a repeat, for `firstDuplicate()`.
    mutating func meet(_ index: Int32, timestamp: Timestamp?, offset: Int) -> Bool {
        let position = Int(index)
        guard series[position].readPass != pass else {
            repeats.append(Repeat(series: index, timestamp: timestamp, offset: offset))
            return false
        }
        series[position].readPass = pass
        series[position].firstTimestamp = timestamp
        touched.append(index)
        return series[position].keptPass == 0 || series[position].keptPass != keptPass
    }

    /// The first sample, in body order, whose series and timestamp an earlier sample had.
    func firstDuplicate() -> Repeat? {
        guard !repeats.isEmpty else { return nil }
        struct Point: Hashable {
            var series: Int32
            var timestamp: Timestamp?
        }
        var seen: Set<Point> = []
        for repeated in repeats {
            // Every earlier sample of the series is in by now: its first one, and earlier repeats.
            seen.insert(Point(series: repeated.series, timestamp: series[Int(repeated.series)].firstTimestamp))
            if !seen.insert(Point(series: repeated.series, timestamp: repeated.timestamp)).inserted { return repeated }
        }
        return nil
    }

    /// Ends a successful read that gave `sampleCount` samples of `familyCount` families: the
    /// series it met are now the ones "seen last time", and stale entries go once they outnumber
    /// live ones.
    mutating func commitRead(sampleCount: Int, familyCount: Int) {
        keptPass = pass
        for index in touched { series[Int(index)].keptPass = pass }
        lastSampleCount = sampleCount
        lastFamilyCount = familyCount
        if series.count > 2 * touched.count || texts.count > 2 * liveTexts { prune() }
        // Few, and cheap to learn again: stale metadata lines are simply dropped all together.
        if metadataLines.count > 2 * liveMetadataLines { forgetMetadata() }
    }

    /// Keeps only what the last read met, renumbering the series in the order it met them.
    private mutating func prune() {
        var renumbered = [Int32](repeating: -1, count: series.count)
        var kept: [Series] = []
        kept.reserveCapacity(touched.count)
        for index in touched {
            renumbered[Int(index)] = Int32(kept.count)
            kept.append(series[Int(index)])
        }
        series = kept
        touched = Array(0..<Int32(kept.count))
        rebuildSeriesSlots(capacity: seriesSlots.count)
        texts.keep(seenIn: pass, renumbered: renumbered)
    }

    private mutating func rebuildSeriesSlots(capacity: Int) {
        var capacity = max(16, capacity)
        while capacity < series.count * 2 { capacity *= 2 }
        while capacity > 16, capacity / 4 > series.count { capacity /= 2 }
        seriesSlots = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (index, entry) in series.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.setHash) & mask
            while seriesSlots[slot] >= 0 { slot = (slot + 1) & mask }
            seriesSlots[slot] = Int32(index)
        }
    }
}
