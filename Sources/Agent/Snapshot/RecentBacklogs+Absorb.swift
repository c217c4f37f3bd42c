public import Probe
public import TimeSeries

extension RecentBacklogs {
    /// Appends a successful scrape's backlog samples to their series, and ends the series it
    /// gave last time but not this time (they are stale, as Prometheus marks them).
    mutating func absorbSeries(of scrape: TargetScrape, node: String, at now: Int64) {
        let instance = scrape.target.instance
        let previous = targetSlots[instance] ?? []
        var current: [Int] = []
        current.reserveCapacity(previous.count)
        // Stale markers end series; the series missing from `current` below are ended here.
        for sample in scrape.samples where !sample.isStaleMarker && metricNames.contains(sample.labels.name) {
            let fingerprint = SeriesFingerprint.of(sample.labels)
            let index = previousSlot(sample.labels, fingerprint: fingerprint, in: previous, near: current.count)
                ?? slot(for: sample.labels, fingerprint: fingerprint, node: node, instance: instance)
            let time = sample.timestamp?.milliseconds ?? now
            slots[index].append(time: time, value: sample.value, node: node, instance: instance, cycle: cycleNumber)
            current.append(index)
        }
        for index in previous where slots[index].belongs(to: instance) && slots[index].lastSeenCycle != cycleNumber {
            removeSlot(index)
        }
        targetSlots[instance] = current
    }

    /// How far from a series' place in the last scrape `previousSlot` looks for it.
    static let searchDistance = 16

    /// The slot of the series with `labels` among the target's series of last time, when it is
    /// within `searchDistance` of `position` there.
    ///
    /// Exporters list the same series every time, in much the same order (top-K exporters by
    /// queue length, so not quite): comparing fingerprints of a few neighbours, and the labels
    /// of the one that matches, costs less than hashing the labels.
    func previousSlot(_ labels: Labels, fingerprint: UInt64, in previous: [Int], near position: Int) -> Int? {
        let lower = max(0, position - Self.searchDistance)
        let upper = min(previous.count, position + Self.searchDistance + 1)
        guard lower < upper else { return nil }
        // The same place first, then the neighbours in order.
        let start = min(max(position, lower), upper - 1)
        for offset in 0..<(upper - lower) {
            let index = previous[lower + (start - lower + offset) % (upper - lower)]
            if fingerprints[index] == fingerprint, !slots[index].isFree, slots[index].series.labels == labels { return index }
        }
        return nil
    }

    /// A failed scrape: its target's series are kept for when it is back, but are not current.
    mutating func suspendSeries(of instance: String) {
        for index in targetSlots[instance] ?? [] where slots[index].belongs(to: instance) {
            slots[index].isCurrent = false
        }
    }

    /// The slot of the series with `labels`, a new one when there is none: one hash either way.
    mutating func slot(for labels: Labels, fingerprint: UInt64, node: String, instance: String) -> Int {
        let next = freeSlots.last ?? slots.count
        let index = Self.findOrInsert(&slotByLabels[labels, default: -1], next)
        guard index == next else { return index }
        if index < slots.count {
            // A free slot keeps its arrays' capacity: exporters that list only their top queues
            // drop and add series every cycle, and these need no new allocation.
            freeSlots.removeLast()
            slots[index].series.labels = labels
            slots[index].series.node = node
            slots[index].instance = instance
            slots[index].lastSeenCycle = cycleNumber
            slots[index].isCurrent = true
            slots[index].isFree = false
            fingerprints[index] = fingerprint
        } else {
            fingerprints.append(fingerprint)
            slots.append(Slot(series: BacklogSeries(labels: labels, node: node, timestamps: [], values: []), instance: instance,
                              lastSeenCycle: cycleNumber))
        }
        return index
    }

    /// The entry's slot, after setting it to `next` when it was new (-1).
    private static func findOrInsert(_ entry: inout Int, _ next: Int) -> Int {
        if entry < 0 { entry = next }
        return entry
    }

    mutating func removeSlot(_ index: Int) {
        guard !slots[index].isFree else { return }
        slotByLabels[slots[index].series.labels] = nil
        slots[index].series.timestamps.removeAll(keepingCapacity: true)
        slots[index].series.values.removeAll(keepingCapacity: true)
        slots[index].isFree = true
        freeSlots.append(index)
    }

    /// Drops samples older than `cutoff` but one (growth over the window needs a starting point),
    /// and series with nothing left inside the window: suspended ones whose target stayed down.
    mutating func trim(before cutoff: Int64) {
        for index in slots.indices where !slots[index].isFree && !slots[index].trim(before: cutoff) {
            removeSlot(index)
        }
    }
}
