import TimeSeries

/// The series a target exported: found by text or by labels, counted once per read, pruned when stale.
extension TargetSeriesCache {
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
        series.append(Series(scraped: labels, labelled: labels.addingTargetLabels(targetLabels).fingerprinted(), setHash: hash))
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

    /// Keeps only what the last read met, renumbering the series in the order it met them.
    mutating func prune() {
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

    /// Forgets what the reads since the last successful one taught, keeping only the series that
    /// read met, so their staleness markers and `scrape_series_added` stay right. A target whose
    /// scrapes keep failing over a limit thus cannot grow the cache, however many new series it
    /// invents; its texts are learned again once a scrape succeeds.
    mutating func forgetSinceLastSuccess() {
        var keptSeries: [Series] = []
        keptSeries.reserveCapacity(kept.count)
        for index in kept { keptSeries.append(series[Int(index)]) }
        series = keptSeries
        kept = Array(0..<Int32(keptSeries.count))
        touched = []
        rebuildSeriesSlots(capacity: seriesSlots.count)
        texts.removeAll()
        forgetMetadata()
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
