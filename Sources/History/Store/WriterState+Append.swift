internal import TimeSeries

extension WriterState {
    /// Sorts a cycle's samples into accepted, repeated, duplicate and out-of-order, without changing state.
    func planAppend(_ samples: [Sample], at now: Timestamp) -> AppendPlan {
        beginPlanning()
        var plan = AppendPlan()
        plan.now = now.milliseconds
        plan.firstNewSeriesID = index.nextSeriesID
        plan.accepted.reserveCapacity(samples.count)
        var newKeys: [Labels: Int] = [:]
        var newLast: [Int: (timestamp: Int64, value: Double)] = [:]
        for sample in samples {
            let timestamp = sample.timestamp?.milliseconds ?? now.milliseconds
            let key: Int
            let last: (timestamp: Int64, value: Double)
            if let position = index.slot(for: sample.labels) {
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
        planPairs(&plan)
        planCuts(&plan)
        planIdleHeads(&plan, now: now)
        planTail(&plan)
        plan.summary.chunksWritten = plan.chunks.count
        return plan
    }

    /// Label pairs of new series that the index does not have yet get the next pair ids.
    func planPairs(_ plan: inout AppendPlan) {
        var nextID = index.nextPairID
        for labels in plan.newSeries {
            for label in labels where index.pairID(label) == nil && plan.newPairIDs[label] == nil {
                plan.newPairIDs[label] = nextID
                plan.newPairs.append((label, nextID))
                nextID += 1
            }
        }
    }

    /// The pair id of a label, including pairs new in this plan.
    func pairID(_ label: Label, in plan: AppendPlan) -> Int64? {
        index.pairID(label) ?? plan.newPairIDs[label]
    }

    /// Samples after which a head is cut. Series created together would all fill their heads on the
    /// same cycle and write every chunk row at once, so a series' first chunk ends early, at a point
    /// picked by its id; later chunks are full and stay spread out.
    func cutThreshold(seriesID: Int64, firstChunk: Bool) -> Int {
        guard firstChunk, options.chunkSamples >= 2 else { return options.chunkSamples }
        let half = options.chunkSamples / 2
        return half + Int(seriesID % Int64(options.chunkSamples - half))
    }

    private func needsCut(
        _ head: ChunkEncoder, before timestamp: Int64, firstCycle: Int64, threshold: Int
    ) -> Bool {
        head.count >= threshold || timestamp - head.firstTimestamp > Schema.maxChunkSpan
            || cycle - firstCycle >= Int64(options.maxTailCycles)
    }

    /// Heads that are full, too long or too old are written out before this cycle's sample starts a new one.
    private func planCuts(_ plan: inout AppendPlan) {
        var grouped: [Int: [(timestamp: Int64, value: Double)]] = [:]
        for position in plan.accepted.indices {
            let sample = plan.accepted[position]
            if sample.key < 0 || plan.multiSample.contains(sample.key) {
                grouped[sample.key, default: []].append((sample.timestamp, sample.value))
                continue
            }
            let slot = sample.key
            let threshold = cutThreshold(seriesID: index.slots[slot].id, firstChunk: !index.slots[slot].hasChunks)
            guard !index.slots[slot].head.isEmpty,
                needsCut(index.slots[slot].head, before: sample.timestamp, firstCycle: index.slots[slot].headFirstCycle,
                         threshold: threshold)
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
                let threshold = cutThreshold(seriesID: seriesID, firstChunk: !cut && (key < 0 || !index.slots[key].hasChunks))
                if head.isEmpty {
                    firstCycle = cycle
                } else if needsCut(head, before: sample.timestamp, firstCycle: firstCycle, threshold: threshold) {
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
    private func planIdleHeads(_ plan: inout AppendPlan, now: Timestamp) {
        let idleBefore = now.milliseconds - options.idleCut.milliseconds
        var oldestOpen = Int64.max
        for position in index.slots.indices where index.slots[position].inUse && !index.slots[position].head.isEmpty {
            let firstCycle = index.slots[position].headFirstCycle
            oldestOpen = min(oldestOpen, firstCycle)
            guard marks[position] != generation else { continue }
            if index.slots[position].head.lastTimestamp < idleBefore || cycle - firstCycle >= Int64(options.maxTailCycles) {
                plan.chunks.append(.init(seriesID: index.slots[position].id, head: index.slots[position].head))
                plan.closedHeads.append(position)
            }
        }
        let below = oldestOpen == .max ? cycle : oldestOpen
        if below > tailDeletedBelow { plan.deleteTailBelow = below }
    }

    /// The cycle's tail row: accepted samples by series id.
    private func planTail(_ plan: inout AppendPlan) {
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
