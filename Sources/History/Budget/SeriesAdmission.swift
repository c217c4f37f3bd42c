internal import TimeSeries

/// Decides, before a cycle is planned, which of its samples the store takes: samples of series
/// in memory always; samples of series memory does not hold as the budget allows (a series that
/// left memory and reports again comes back from the file with its id); staleness markers only
/// for series memory holds, since a marker cannot start a series.
struct SeriesAdmission {
    /// New series refused, by source name.
    var refusedSeries: [String: Int] = [:]
    /// Samples of refused series, not stored.
    var refusedSamples = 0
    /// Staleness markers for series memory does not hold, dropped.
    var orphanMarkers = 0

    /// The samples to plan, each with its series' slot in `index` (-1 for a series memory did not
    /// hold, which the planner looks up again), so a sample's labels are hashed once a cycle;
    /// brings back into `index` the returning series it lets in.
    mutating func admit(
        _ samples: [Sample], sources: [SampleSource], budget: SeriesBudget, index: inout SeriesIndex, connection: SQLiteConnection
    ) throws(SQLiteError) -> (samples: [Sample], slots: [Int]) {
        var slots = [Int](repeating: -1, count: samples.count)
        var sourceOf: [Labels: Int] = [:]
        var newCounts = [Int](repeating: 0, count: sources.count + 1)
        var drop: [Bool]?
        var end = 0
        var source = -1
        for (offset, sample) in samples.enumerated() {
            while offset >= end, source < sources.count {
                source += 1
                end += source < sources.count ? sources[source].count : Int.max - end
            }
            if let slot = index.slot(adopting: sample.labels) {
                slots[offset] = slot
                continue
            }
            if sample.isStaleMarker && sourceOf[sample.labels] == nil {
                orphanMarkers += 1
                Self.mark(offset, in: &drop, count: samples.count)
                continue
            }
            if sourceOf[sample.labels] == nil {
                sourceOf[sample.labels] = source
                newCounts[source] += 1
            }
        }
        guard !sourceOf.isEmpty else { return drop.map { Self.kept(samples, slots, dropping: $0) } ?? (samples, slots) }
        let refused = budget.refused(newSeries: newCounts, live: index.count)
        for position in refused { refusedSeries[Self.name(of: position, in: sources), default: 0] += newCounts[position] }
        if !refused.isEmpty {
            for (offset, sample) in samples.enumerated() {
                guard let from = sourceOf[sample.labels], refused.contains(from) else { continue }
                refusedSamples += 1
                Self.mark(offset, in: &drop, count: samples.count)
            }
        }
        // Only a store that let series go has any to bring back, or pairs memory forgot.
        if index.evictedThrough > .min {
            let lookup = FileSeriesLookup(connection: connection)
            for (labels, from) in sourceOf where !refused.contains(from) {
                try Self.restore(labels, lookup: lookup, index: &index)
            }
        }
        return drop.map { Self.kept(samples, slots, dropping: $0) } ?? (samples, slots)
    }

    /// Puts back into memory the label pairs the file has for `labels`, and the series itself if
    /// the file has it, so the cycle plans it as a known series.
    static func restore(_ labels: Labels, lookup: FileSeriesLookup, index: inout SeriesIndex) throws(SQLiteError) {
        var rarest: Int64?
        var complete = true
        for label in labels {
            var id = index.pairID(label)
            if id == nil, let found = try lookup.pairID(label) {
                index.addPair(label, id: found)
                id = found
            }
            guard let id else {
                complete = false
                continue
            }
            // The newest pair is the likeliest to be rare (a pid), so its postings are the shortest.
            rarest = max(rarest ?? id, id)
        }
        guard complete, let rarest, let id = try lookup.seriesID(labels, postedUnder: rarest, index: index) else { return }
        index.insert(try lookup.slot(id: id, labels: labels))
    }

    private static func name(of position: Int, in sources: [SampleSource]) -> String {
        position < sources.count ? sources[position].name : ""
    }

    private static func mark(_ offset: Int, in drop: inout [Bool]?, count: Int) {
        if drop == nil { drop = [Bool](repeating: false, count: count) }
        drop?[offset] = true
    }

    private static func kept(_ samples: [Sample], _ slots: [Int], dropping drop: [Bool]) -> (samples: [Sample], slots: [Int]) {
        var kept: [Sample] = []
        var keptSlots: [Int] = []
        kept.reserveCapacity(samples.count)
        keptSlots.reserveCapacity(samples.count)
        for (offset, sample) in samples.enumerated() where !drop[offset] {
            kept.append(sample)
            keptSlots.append(slots[offset])
        }
        return (kept, keptSlots)
    }
}
