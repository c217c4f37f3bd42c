public import TimeSeries

/// The last two minutes of every backlog series, kept in memory for the dashboard: enough for
/// the ranking's growth window and for sparklines, without the history.
///
/// Series follow Prometheus's staleness: when a target's scrape succeeds without a series it
/// gave before, that series is gone from that cycle on, not shown at its last value until the
/// lookback runs out. When a target's scrape fails, its series are suspended: left out of the
/// ranking (their last values are not current) but kept, so that if the node is back within the
/// window their growth and sparklines go on.
///
/// Each series lives in a slot found once per cycle (by position in its target's scrape, else by
/// labels) and grows in place, so a cycle of 20,000 series costs no rehashing or copying.
public struct RecentBacklogs: Sendable {
    /// How much of each series is kept.
    public static let windowMilliseconds: Int64 = 120_000

    /// The backlog metrics kept; each ranks its series against its own threshold.
    public let metrics: [BacklogMetric]
    /// The backlog metric names: a short array, which beats hashing every sample's name.
    private let metricNames: [String]
    /// Every kept series; free ones (listed in `freeSlots`) wait to be reused. Not optional, so
    /// reading a slot's labels does not copy the whole slot.
    private var slots: [Slot] = []
    /// `SeriesFingerprint` of each slot's labels.
    private var fingerprints: [UInt64] = []
    private var freeSlots: [Int] = []
    private var slotByLabels: [Labels: Int] = [:]
    /// Each target's series in the order its last successful scrape gave them.
    private var targetSlots: [String: [Int]] = [:]
    /// What each exported process's exporter says besides its queue: its reductions rate and
    /// status over the window, for the ranking's verdicts.
    public private(set) var details: [ProcessKey: ProcessDetail] = [:]
    /// How many processes each process type counts, for naming the types' entries.
    public private(set) var typeCounts = ProcessTypeCounts()
    /// Counts cycles, to tell which series the current one saw.
    private var cycleNumber = 0
    /// When the last cycle absorbed started; nil before the first.
    public private(set) var lastCycle: Timestamp?

    /// Keeps the series of `metrics`.
    public init(metrics: [BacklogMetric]) {
        self.metrics = metrics
        metricNames = metrics.map(\.metric)
    }

    /// The series shown now: every series of the last successful scrape of each target that is up.
    public var currentSeries: [BacklogSeries] {
        slots.compactMap { $0.isCurrent && !$0.isFree ? $0.series : nil }
    }

    /// How many series are kept, suspended ones (of targets down) included.
    public var keptSeriesCount: Int { slotByLabels.count }

    /// Takes in one poll cycle. Targets missing from it (no longer polled) take their series with them.
    public mutating func absorb(_ cycle: BacklogCycle) {
        cycleNumber += 1
        let now = cycle.timestamp.milliseconds
        for target in cycle.targets {
            if target.isUp {
                absorbSeries(target.samples, instance: target.instance, node: target.node, at: now)
            } else {
                suspendSeries(of: target.instance)
            }
        }
        // Targets taken out of the config or a targets file are gone with their series.
        let polled = Set(cycle.targets.map(\.instance))
        var removedTargets = false
        for (instance, held) in targetSlots where !polled.contains(instance) {
            for index in held where slots[index].belongs(to: instance) { removeSlot(index) }
            targetSlots[instance] = nil
            typeCounts.remove(instance: instance)
            removedTargets = true
        }
        if removedTargets, !details.isEmpty { details = details.filter { polled.contains($0.key.instance) } }
        trim(before: now - Self.windowMilliseconds)
        lastCycle = cycle.timestamp
    }

    /// The ranking now: each metric's series against its own threshold, in one order.
    public func ranking() -> [RankedBacklog] {
        guard let lastCycle else { return [] }
        var series = currentSeries
        if !typeCounts.isEmpty {
            let typeMetric = ProcessTypeCounts.sumMetric
            for index in series.indices where series[index].labels.name == typeMetric { series[index] = typeCounts.applied(to: series[index]) }
        }
        return BottleneckRanking.rank(series, metrics: metrics, at: lastCycle, details: details)
    }
}

/// One poll cycle as `RecentBacklogs` takes it in: when it started and what each target gave.
public struct BacklogCycle: Sendable {
    /// The cycle's start, the time of samples that carry none.
    public var timestamp: Timestamp
    /// Every target polled, in poll order.
    public var targets: [BacklogScrape]

    /// A cycle at `timestamp` of `targets`.
    public init(timestamp: Timestamp, targets: [BacklogScrape]) {
        self.timestamp = timestamp
        self.targets = targets
    }
}

/// One target's scrape as `RecentBacklogs` takes it in.
public struct BacklogScrape: Sendable {
    /// The target's `instance`: which target the series belong to.
    public var instance: String
    /// The node as people name it (the Erlang node name when known, else host:port).
    public var node: String
    /// False when the scrape failed: the target's series are suspended, not ended.
    public var isUp: Bool
    /// What the scrape gave; only backlog metrics are kept, and staleness markers end series.
    public var samples: [Sample]

    /// One target's outcome.
    public init(instance: String, node: String, isUp: Bool, samples: [Sample]) {
        self.instance = instance
        self.node = node
        self.isUp = isUp
        self.samples = samples
    }
}

extension RecentBacklogs {
    /// Appends a successful scrape's backlog samples to their series, and ends the series it
    /// gave last time but not this time (they are stale, as Prometheus marks them).
    private mutating func absorbSeries(_ samples: [Sample], instance: String, node: String, at now: Int64) {
        let previous = targetSlots[instance] ?? []
        typeCounts.remove(instance: instance)
        var current: [Int] = []
        current.reserveCapacity(previous.count)
        // Stale markers end series; the series missing from `current` below are ended here.
        for sample in samples where !sample.isStaleMarker {
            guard metricNames.contains(sample.labels.name) else {
                absorbDetail(sample, instance: instance, at: now)
                continue
            }
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

    /// Adds a reductions rate or info sample to its process's detail, and a process type's count
    /// to the counts; other samples are ignored.
    private mutating func absorbDetail(_ sample: Sample, instance: String, at now: Int64) {
        let name = sample.labels.name
        if name == ProcessTypeCounts.metric, let initialCall = sample.labels["initial_call"] {
            typeCounts.set(instance: instance, initialCall: initialCall, processes: sample.value)
            return
        }
        guard name == ProcessDetail.reductionsMetric || name == ProcessDetail.infoMetric,
            let pid = sample.labels["pid"], !pid.isEmpty
        else { return }
        details[ProcessKey(instance: instance, pid: pid), default: ProcessDetail()]
            .add(sample.labels, value: sample.value, time: sample.timestamp?.milliseconds ?? now)
    }

    /// How far from a series' place in the last scrape `previousSlot` looks for it.
    private static let searchDistance = 16

    /// The slot of the series with `labels` among the target's series of last time, when it is
    /// within `searchDistance` of `position` there.
    ///
    /// Exporters list the same series every time, in much the same order (top-K exporters by
    /// queue length, so not quite): comparing fingerprints of a few neighbours, and the labels
    /// of the one that matches, costs less than hashing the labels.
    private func previousSlot(_ labels: Labels, fingerprint: UInt64, in previous: [Int], near position: Int) -> Int? {
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
    private mutating func suspendSeries(of instance: String) {
        for index in targetSlots[instance] ?? [] where slots[index].belongs(to: instance) {
            slots[index].isCurrent = false
        }
    }

    /// The slot of the series with `labels`, a new one when there is none: one hash either way.
    private mutating func slot(for labels: Labels, fingerprint: UInt64, node: String, instance: String) -> Int {
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

    private mutating func removeSlot(_ index: Int) {
        guard !slots[index].isFree else { return }
        slotByLabels[slots[index].series.labels] = nil
        slots[index].series.timestamps.removeAll(keepingCapacity: true)
        slots[index].series.values.removeAll(keepingCapacity: true)
        slots[index].isFree = true
        freeSlots.append(index)
    }

    /// Drops samples older than `cutoff` but one (growth over the window needs a starting point),
    /// and series with nothing left inside the window: suspended ones whose target stayed down.
    private mutating func trim(before cutoff: Int64) {
        for index in slots.indices where !slots[index].isFree && !slots[index].trim(before: cutoff) {
            removeSlot(index)
        }
        guard !details.isEmpty else { return }
        for key in Array(details.keys) where details[key]?.trim(before: cutoff) == false {
            details[key] = nil
        }
    }
}

extension RecentBacklogs {
    /// One kept series and what absorbing needs to know about it.
    fileprivate struct Slot: Sendable {
        var series: BacklogSeries
        /// The target that gave it.
        var instance: String
        /// The cycle that last gave it a sample.
        var lastSeenCycle: Int
        /// False while its target is down: kept, but its last value is not current.
        var isCurrent = true
        /// True once removed, until a new series reuses the slot.
        var isFree = false

        /// A slot kept for `instance`'s series.
        func belongs(to instance: String) -> Bool { !isFree && self.instance == instance }

        /// Adds a sample newer than the last, in place.
        mutating func append(time: Int64, value: Double, node: String, instance: String, cycle: Int) {
            if series.node != node { series.node = node }
            if self.instance != instance { self.instance = instance }
            lastSeenCycle = cycle
            isCurrent = true
            guard series.timestamps.last.map({ $0 < time }) ?? true else { return }
            series.timestamps.append(time)
            series.values.append(value)
        }

        /// Drops the samples before `cutoff` but the last of them, in place; false when none is
        /// left at or after it.
        mutating func trim(before cutoff: Int64) -> Bool {
            guard let last = series.timestamps.last, last >= cutoff else { return false }
            // Usually one sample a cycle falls out; a scan from the front finds it at once.
            var keepFrom = 0
            while keepFrom + 1 < series.timestamps.count, series.timestamps[keepFrom + 1] < cutoff { keepFrom += 1 }
            if keepFrom > 0 {
                series.timestamps.removeFirst(keepFrom)
                series.values.removeFirst(keepFrom)
            }
            return true
        }
    }
}

/// A cheap 64-bit digest of a series' last label (usually `pid`), to rule out most candidates
/// for "the same series as last time" without comparing label sets or touching reference counts.
private enum SeriesFingerprint {
    /// FNV-1a over the last label's name and value; 0 for no labels.
    static func of(_ labels: Labels) -> UInt64 {
        guard let last = labels.last else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in last.name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0xFF) &* 0x100_0000_01b3
        for byte in last.value.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
