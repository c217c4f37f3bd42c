internal import TimeSeries

/// Works out what a poll cycle will change (`AppendPlan`) without changing the writer's state,
/// and keeps the per-slot scratch that makes it linear in the cycle's samples.
///
/// The index is passed in on each call, never kept: holding a second reference to it would
/// make the writer copy every slot on its next change.
struct CyclePlanner {
    /// `marks[slot] == generation` means the slot already has an accepted sample in the cycle
    /// being planned, whose time and value are in `pendingTimestamps`/`pendingValues`.
    private var marks: [UInt32] = []
    private var generation: UInt32 = 0
    private var pendingTimestamps: [Int64] = []
    private var pendingValues: [Double] = []

    /// Whether the cycle planned last accepted a sample for the slot at `position`.
    func acceptedSample(at position: Int) -> Bool { position < marks.count && marks[position] == generation }

    /// Sorts a cycle's samples into accepted, repeated, duplicate and out-of-order.
    /// `slots`, when given, holds each sample's slot in `index` as admission found it, -1 to look
    /// the labels up here, or `SeriesAdmission.notTaken` to leave the sample out.
    mutating func plan(
        _ samples: [Sample], slots: [Int]? = nil, at now: Timestamp, index: SeriesIndex, cycle: Int64, tailDeletedBelow: Int64,
        options: HistoryOptions
    ) -> AppendPlan {
        beginPlanning(slots: index.slots.count)
        var plan = AppendPlan()
        plan.now = now.milliseconds
        plan.firstNewSeriesID = index.nextSeriesID
        plan.accepted.reserveCapacity(samples.count)
        var newKeys: [Labels: Int] = [:]
        var newLast: [Int: (timestamp: Int64, value: Double)] = [:]
        for (offset, sample) in samples.enumerated() {
            let timestamp = sample.timestamp?.milliseconds ?? now.milliseconds
            let key: Int
            let last: (timestamp: Int64, value: Double)
            let known = slots.map { $0[offset] } ?? -1
            if known == SeriesAdmission.notTaken { continue }
            if let position = known >= 0 ? known : index.slot(for: sample.labels) {
                key = position
                last = marks[position] == generation
                    ? (pendingTimestamps[position], pendingValues[position])
                    : (index.slots[position].lastTimestamp, index.slots[position].lastValue)
            } else if let known = newKeys[sample.labels] {
                key = known
                last = newLast[known] ?? (.min, 0)
            } else {
                key = -(plan.newSeries.count + 1)
                newKeys[sample.labels] = key
                plan.newSeries.append(sample.labels)
                last = (.min, 0)
            }
            if timestamp < last.timestamp {
                plan.summary.outOfOrder += 1
                continue
            }
            if timestamp == last.timestamp {
                if sample.value.bitPattern == last.value.bitPattern {
                    plan.summary.repeated += 1
                } else {
                    plan.summary.duplicates += 1
                }
                continue
            }
            if key >= 0 {
                if marks[key] == generation { plan.multiSample.insert(key) }
                marks[key] = generation
                pendingTimestamps[key] = timestamp
                pendingValues[key] = sample.value
            } else {
                newLast[key] = (timestamp, sample.value)
            }
            plan.accepted.append(.init(key: key, timestamp: timestamp, value: sample.value))
        }
        plan.summary.appended = plan.accepted.count
        plan.summary.newSeries = plan.newSeries.count
        plan.assignPairIDs(index: index)
        planCuts(&plan, index: index, cycle: cycle, options: options)
        planIdleHeads(&plan, now: now, index: index, cycle: cycle, tailDeletedBelow: tailDeletedBelow, options: options)
        planTail(&plan, index: index)
        plan.summary.chunksWritten = plan.chunks.count
        return plan
    }

    /// Makes room in the per-slot scratch arrays and starts a new planning generation.
    private mutating func beginPlanning(slots needed: Int) {
        if marks.count < needed {
            marks.append(contentsOf: repeatElement(0, count: needed - marks.count))
            pendingTimestamps.append(contentsOf: repeatElement(0, count: needed - pendingTimestamps.count))
            pendingValues.append(contentsOf: repeatElement(0, count: needed - pendingValues.count))
        }
        generation &+= 1
        if generation == 0 {
            for position in marks.indices { marks[position] = 0 }
            generation = 1
        }
    }

    /// Samples after which a head is cut. Series created together would all fill their heads on the
    /// same cycle and write every chunk row at once, so a series' first chunk ends early, at a point
    /// picked by its id; later chunks are full and stay spread out.
    static func cutThreshold(seriesID: Int64, firstChunk: Bool, options: HistoryOptions) -> Int {
        guard firstChunk, options.chunkSamples >= 2 else { return options.chunkSamples }
        let half = options.chunkSamples / 2
        return half + Int(seriesID % Int64(options.chunkSamples - half))
    }

    private static func needsCut(
        _ head: ChunkEncoder, before timestamp: Int64, firstCycle: Int64, threshold: Int, cycle: Int64, options: HistoryOptions
    ) -> Bool {
        head.count >= threshold || timestamp - head.firstTimestamp > Schema.maxChunkSpan
            || cycle - firstCycle >= Int64(options.maxTailCycles) || spansTooLong(head, at: timestamp, options: options)
    }

    /// Whether a head has been open longer than `maxHeadSpan`. A series that reports only now and
    /// then (an alert's series every evaluation of a slow group, a pid in and out of an
    /// exporter's list) would otherwise keep its head open until `idleCut` or `maxTailCycles`,
    /// and every series' tail rows with it: the tail spans back to the oldest open head.
    static func spansTooLong(_ head: ChunkEncoder, at time: Int64, options: HistoryOptions) -> Bool {
        guard let span = options.maxHeadSpan else { return false }
        return time - head.firstTimestamp > span.milliseconds
    }

    /// Heads that are full, too long or too old are written out before this cycle's sample starts a new one.
    private func planCuts(_ plan: inout AppendPlan, index: SeriesIndex, cycle: Int64, options: HistoryOptions) {
        var grouped: [Int: [(timestamp: Int64, value: Double)]] = [:]
        for position in plan.accepted.indices {
            let sample = plan.accepted[position]
            if sample.key < 0 || plan.multiSample.contains(sample.key) {
                grouped[sample.key, default: []].append((sample.timestamp, sample.value))
                continue
            }
            let slot = sample.key
            let threshold = Self.cutThreshold(seriesID: index.slots[slot].id, firstChunk: !index.slots[slot].hasChunks, options: options)
            guard !index.slots[slot].head.isEmpty,
                Self.needsCut(
                    index.slots[slot].head, before: sample.timestamp, firstCycle: index.slots[slot].headFirstCycle,
                    threshold: threshold, cycle: cycle, options: options)
            else { continue }
            plan.chunks.append(.init(seriesID: index.slots[slot].id, head: index.slots[slot].head))
            plan.accepted[position].restartsHead = true
        }
        // Series with several samples in the cycle, and new series, are rebuilt on copies.
        for (key, samples) in grouped {
            var head = key >= 0 ? index.slots[key].head : ChunkEncoder()
            var firstCycle = key >= 0 ? index.slots[key].headFirstCycle : cycle
            let seriesID = plan.seriesID(for: key, in: index)
            var cut = false
            for sample in samples {
                let threshold = Self.cutThreshold(
                    seriesID: seriesID, firstChunk: !cut && (key < 0 || !index.slots[key].hasChunks), options: options)
                if head.isEmpty {
                    firstCycle = cycle
                } else if Self.needsCut(
                    head, before: sample.timestamp, firstCycle: firstCycle, threshold: threshold, cycle: cycle, options: options)
                {
                    plan.chunks.append(.init(seriesID: seriesID, head: head))
                    head = ChunkEncoder()
                    firstCycle = cycle
                    cut = true
                }
                head.append(sample.timestamp, sample.value)
            }
            plan.rebuiltHeads[key] = .init(head: head, firstCycle: firstCycle, cut: cut)
        }
    }

    /// Heads without a sample for `idleCut`, or holding the oldest tail cycle, are written out so the
    /// tail can shrink; tail rows older than every open head are deleted.
    private func planIdleHeads(
        _ plan: inout AppendPlan, now: Timestamp, index: SeriesIndex, cycle: Int64, tailDeletedBelow: Int64, options: HistoryOptions
    ) {
        let idleBefore = now.milliseconds - options.idleCut.milliseconds
        var oldestOpen = Int64.max
        for position in index.slots.indices where index.slots[position].inUse && !index.slots[position].head.isEmpty {
            let firstCycle = index.slots[position].headFirstCycle
            oldestOpen = min(oldestOpen, firstCycle)
            guard marks[position] != generation else { continue }
            if index.slots[position].head.lastTimestamp < idleBefore || cycle - firstCycle >= Int64(options.maxTailCycles)
                || Self.spansTooLong(index.slots[position].head, at: now.milliseconds, options: options)
            {
                plan.chunks.append(.init(seriesID: index.slots[position].id, head: index.slots[position].head))
                plan.closedHeads.append(position)
            }
        }
        let below = oldestOpen == .max ? cycle : oldestOpen
        if below > tailDeletedBelow { plan.deleteTailBelow = below }
    }

    /// The cycle's tail row: accepted samples by series id.
    private func planTail(_ plan: inout AppendPlan, index: SeriesIndex) {
        plan.tailEntries.reserveCapacity(plan.accepted.count)
        var sorted = true
        for sample in plan.accepted {
            let entry = TailBlock.Entry(
                series: plan.seriesID(for: sample.key, in: index), timestamp: sample.timestamp, value: sample.value)
            if let last = plan.tailEntries.last,
                last.series > entry.series || (last.series == entry.series && last.timestamp > entry.timestamp)
            {
                sorted = false
            }
            plan.tailEntries.append(entry)
        }
        // Scrapes list series in the same order every cycle, so this sort is rarely needed.
        if !sorted {
            plan.tailEntries.sort { $0.series != $1.series ? $0.series < $1.series : $0.timestamp < $1.timestamp }
        }
    }
}
