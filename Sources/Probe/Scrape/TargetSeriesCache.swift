public import TimeSeries

/// What one target exported last time: each series' labels with the target's labels added.
///
/// Lets a scrape reuse the labelled series of the previous one instead of building and hashing
/// them again for every sample (the idea of Prometheus's scrape cache), and tells which series
/// are new for `scrape_series_added`. Keyed by the parser's label-set hash, but an entry is
/// used only when its scraped labels are equal, so a hash collision costs time, never data.
struct TargetSeriesCache {
    struct Entry {
        var scraped: Labels
        var labelled: Labels
    }

    let targetLabels: Labels
    private var entries: [UInt64: Entry] = [:]

    init(targetLabels: Labels) { self.targetLabels = targetLabels }

    /// Labels every sample, returning the labelled samples and how many series were not seen last time.
    mutating func label(_ parsed: ParsedExposition, at timestamp: Timestamp) -> (samples: [Sample], added: Int) {
        var next: [UInt64: Entry] = [:]
        next.reserveCapacity(parsed.samples.count)
        var samples: [Sample] = []
        samples.reserveCapacity(parsed.samples.count + 5)
        var added = 0
        for (index, sample) in parsed.samples.enumerated() {
            let hash = parsed.labelSetHashes[index]
            var labelled = sample
            if let known = entries[hash], known.scraped == sample.labels {
                labelled.labels = known.labelled
                next[hash] = known
            } else {
                labelled.labels = sample.labels.addingTargetLabels(targetLabels)
                if next[hash] == nil {
                    added += 1
                    next[hash] = Entry(scraped: sample.labels, labelled: labelled.labels)
                }
            }
            if labelled.timestamp == nil { labelled.timestamp = timestamp }
            samples.append(labelled)
        }
        entries = next
        return (samples, added)
    }
}
