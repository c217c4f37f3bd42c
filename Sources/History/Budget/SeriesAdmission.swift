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

    /// The slot `admit` gives a sample the store does not take.
    static let notTaken = -2

    /// Each sample's series' slot in `index` (-1 for a series memory did not hold, which the
    /// planner looks up again; `notTaken` for a sample left out), so a sample's labels are hashed
    /// once a cycle; brings back into `index` the returning series it lets in. Samples left out
    /// are marked rather than removed: copying a cycle's samples costs a retain each.
    mutating func admit(
        _ samples: [Sample], sources: [SampleSource], budget: SeriesBudget, index: inout SeriesIndex, connection: SQLiteConnection
    ) throws(SQLiteError) -> [Int] {
        var slots = [Int](repeating: -1, count: samples.count)
        var sourceOf: [Labels: Int] = [:]
        var newCounts = [Int](repeating: 0, count: sources.count + 1)
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
            guard sourceOf[sample.labels] == nil else { continue }
            if sample.isStaleMarker {
                orphanMarkers += 1
                slots[offset] = Self.notTaken
                continue
            }
            sourceOf[sample.labels] = source
            newCounts[source] += 1
        }
        guard !sourceOf.isEmpty else { return slots }
        let refused = budget.refused(newSeries: newCounts, live: index.count)
        for position in refused { refusedSeries[Self.name(of: position, in: sources), default: 0] += newCounts[position] }
        if !refused.isEmpty {
            // Only samples of series memory did not hold can be refused.
            for (offset, sample) in samples.enumerated() where slots[offset] < 0 {
                guard let from = sourceOf[sample.labels], refused.contains(from) else { continue }
                refusedSamples += 1
                slots[offset] = Self.notTaken
            }
        }
        // Only a store that let series go has any to bring back, or pairs memory forgot.
        if index.evictedThrough > .min {
            let lookup = FileSeriesLookup(connection: connection)
            for (labels, from) in sourceOf where !refused.contains(from) {
                try Self.restore(labels, lookup: lookup, index: &index)
            }
        }
        return slots
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
}
