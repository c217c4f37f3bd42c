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
    var series: [Series] = []
    /// Series indices by `setHash`, open addressing; -1 marks an empty slot.
    var seriesSlots = [Int32](repeating: -1, count: 16)
    /// The series texts met so far; each text's value is its series and its mark where its name ends.
    var texts = KnownTextTable()
    /// The metadata lines (`# HELP`, `# TYPE`, `# UNIT`) met so far; each line's value indexes
    /// `metadata`, and its mark is where its metric name starts.
    var metadataLines = KnownTextTable()
    /// What each known metadata line said.
    var metadata: [ExpositionEntry] = []
    /// How many metadata lines the current read met.
    var liveMetadataLines = 0
    /// The rules the texts were read under; other rules may read the same bytes differently.
    private var dialect: (format: ExpositionFormat, strict: Bool)?
    /// The limits of the current (or last) read; the known texts passed its label limits.
    private(set) var limits = ScrapeLimits.none
    /// The label limit the current read found broken, which ends it.
    var labelLimitExceeded: ScrapeLimitExceeded?
    /// The number of the current (or last) read.
    private(set) var pass = 0
    /// The last read that succeeded; 0 for none.
    var keptPass = 0
    /// The series the current read met, once each, in order.
    var touched: [Int32] = []
    /// The series the last successful read met: those missing from the next read are stale.
    var kept: [Int32] = []
    var repeats: [Repeat] = []
    /// How many texts the current read met.
    var liveTexts = 0
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

    /// Starts read number `pass + 1` of a body in `format`, under `limits`.
    mutating func beginRead(format: ExpositionFormat, strict: Bool, limits: ScrapeLimits) {
        if dialect?.format != format || dialect?.strict != strict {
            // Series stay (they are labels, whatever spelled them); texts are only valid under their rules.
            texts.removeAll()
            forgetMetadata()
            dialect = (format, strict)
        }
        // A known text skips the label limits, having passed them when it was learned; under
        // other limits every series must be read, and checked, again.
        if !limits.hasSameLabelLimits(as: self.limits) { texts.removeAll() }
        self.limits = limits
        labelLimitExceeded = nil
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

    /// Ends a successful read that gave `sampleCount` samples of `familyCount` families: the
    /// series it met are now the ones "seen last time", and stale entries go once they outnumber
    /// live ones.
    ///
    /// - Returns: the labelled series the previous successful read met and this one did not.
    mutating func commitRead(sampleCount: Int, familyCount: Int) -> [Labels] {
        let gone = staleLabels(of: kept.filter { series[Int($0)].readPass != pass })
        keptPass = pass
        for index in touched { series[Int(index)].keptPass = pass }
        lastSampleCount = sampleCount
        lastFamilyCount = familyCount
        if series.count > 2 * touched.count || texts.count > 2 * liveTexts { prune() }
        kept = touched
        // Few, and cheap to learn again: stale metadata lines are simply dropped all together.
        if metadataLines.count > 2 * liveMetadataLines { forgetMetadata() }
        return gone
    }

    /// Ends every series the last successful read met, for a scrape that failed: as in
    /// Prometheus, a target that stops answering leaves no value standing for five minutes.
    ///
    /// - Returns: their labelled labels; the next successful read counts them as added.
    mutating func abandonKeptSeries() -> [Labels] {
        let gone = staleLabels(of: kept)
        kept = []
        return gone
    }

    /// The labels to mark stale among `indices`: as in Prometheus, a series that came with its
    /// own timestamps is never marked stale.
    private func staleLabels(of indices: [Int32]) -> [Labels] {
        indices.compactMap { series[Int($0)].firstTimestamp == nil ? series[Int($0)].labelled : nil }
    }
}
