internal import TimeSeries

/// The writer's in-memory copy of the series index: labels to a slot by hash, ids to slots, and the
/// label-pair ids of the postings, loaded from the file on open.
struct SeriesIndex {
    /// Slots by position; positions are reused through a free list when retention drops a series.
    var slots: [SeriesSlot] = []
    private var freeSlots: [Int] = []
    private var slotByLabels: [Labels: Int] = [:]
    private var slotByID: [Int64: Int] = [:]
    /// Slot by the address of the label copy it holds (see `slot(adopting:)`).
    private var slotByStorage: [UnsafeRawPointer: Int] = [:]
    /// Label pair → its row id in `label_pairs`.
    private(set) var pairIDs: [Label: Int64] = [:]
    /// The next series id; ids are never reused, so an old tail row cannot name a newer series.
    var nextSeriesID: Int64 = 1
    var nextPairID: Int64 = 1
    /// Label pairs to slot positions, so reads resolve matchers without SQL.
    private(set) var postings = MemoryPostings()
    /// Slot ranks in label order, for sorting selections; refreshed before each read.
    private(set) var order = LabelOrder()

    /// The newest sample of any series that left memory: a read reaching back to it also asks
    /// the file for series memory no longer holds.
    private(set) var evictedThrough = Int64.min

    /// Series held in memory.
    var count: Int { slotByID.count }

    func slot(for labels: Labels) -> Int? { slotByLabels[labels] }

    /// The slot of a series in memory, found by the very copy of its labels when the slot holds it
    /// (a scrape hands over the copies its series cache keeps, cycle after cycle), else by hashing
    /// them, after which the slot holds this copy so the next cycle finds it without hashing.
    mutating func slot(adopting labels: Labels) -> Int? {
        if let address = labels.storageAddress, let position = slotByStorage[address],
           slots[position].inUse, slots[position].labels.storageAddress == address {
            return position
        }
        guard let position = slotByLabels[labels] else { return nil }
        if let old = slots[position].labels.storageAddress, slotByStorage[old] == position { slotByStorage[old] = nil }
        slots[position].labels = labels
        if let address = labels.storageAddress { slotByStorage[address] = position }
        return position
    }

    func slot(forID id: Int64) -> Int? { slotByID[id] }
    func pairID(_ label: Label) -> Int64? { pairIDs[label] }

    /// Room for `additional` more series, so a cycle that brings many (the first one, a fleet
    /// joining) grows the tables once instead of rehashing every label set at each doubling.
    mutating func reserve(additional: Int) {
        guard additional > freeSlots.count else { return }
        let wanted = count + additional
        // Twice the room at least: reserving exactly what a cycle needs would move every slot
        // on each cycle that brings a few new series.
        let needed = slots.count + additional - freeSlots.count
        if needed > slots.capacity { slots.reserveCapacity(max(needed, slots.capacity * 2)) }
        slotByLabels.reserveCapacity(wanted)
        slotByID.reserveCapacity(wanted)
        slotByStorage.reserveCapacity(wanted)
    }

    @discardableResult
    mutating func insert(_ slot: SeriesSlot) -> Int {
        let position: Int
        if let free = freeSlots.popLast() {
            slots[free] = slot
            position = free
        } else {
            slots.append(slot)
            position = slots.count - 1
        }
        slotByLabels[slot.labels] = position
        slotByID[slot.id] = position
        if let address = slot.labels.storageAddress { slotByStorage[address] = position }
        postings.insert(slot.labels, at: position)
        order.insert(position)
        nextSeriesID = max(nextSeriesID, slot.id + 1)
        return position
    }

    mutating func remove(slot position: Int) {
        let slot = slots[position]
        guard slot.inUse else { return }
        slotByLabels[slot.labels] = nil
        slotByID[slot.id] = nil
        if let address = slot.labels.storageAddress, slotByStorage[address] == position { slotByStorage[address] = nil }
        postings.remove(slot.labels, at: position)
        order.remove(position)
        slots[position] = SeriesSlot(id: 0, labels: Labels())
        slots[position].inUse = false
        freeSlots.append(position)
    }

    /// Lets a stale series leave memory (its data stays in the file), with the label pairs no
    /// series in memory uses any more.
    mutating func evict(slot position: Int) {
        let slot = slots[position]
        guard slot.inUse else { return }
        evictedThrough = max(evictedThrough, slot.lastTimestamp)
        remove(slot: position)
        for label in slot.labels where !postings.holds(label) { pairIDs[label] = nil }
    }

    /// Marks samples up to `time` as possibly held only by series that are in the file alone.
    mutating func noteEvicted(through time: Int64) { evictedThrough = max(evictedThrough, time) }

    /// Brings the label order up to date with inserts and removals since the last read.
    mutating func refreshOrder() { order.refresh(slots) }

    mutating func addPair(_ label: Label, id: Int64) {
        pairIDs[label] = id
        nextPairID = max(nextPairID, id + 1)
    }

    mutating func removePair(_ label: Label) { pairIDs[label] = nil }

    /// Keeps just-written chunk rows in memory next to the heads they were cut from, then lets go
    /// of those slots' chunks that ended before `windowStart`.
    mutating func keepInMemory(_ chunks: [AppendPlan.PlannedChunk], windowStart: Int64) {
        for chunk in chunks {
            guard let position = slot(forID: chunk.seriesID) else { continue }
            // A chunk at or below the floor would never be read from memory.
            guard chunk.maxTimestamp > slots[position].memoryAfter else { continue }
            slots[position].recent.append(
                RecentChunk(minTimestamp: chunk.minTimestamp, maxTimestamp: chunk.maxTimestamp, count: chunk.count, bytes: chunk.bytes))
            dropRecentChunks(at: position, endingBefore: windowStart)
        }
    }

    /// Drops the in-memory chunks that end before `time`; memory then covers only what follows them.
    mutating func dropRecentChunks(at position: Int, endingBefore time: Int64) {
        var dropped = 0
        while dropped < slots[position].recent.count, slots[position].recent[dropped].maxTimestamp < time {
            slots[position].memoryAfter = max(slots[position].memoryAfter, slots[position].recent[dropped].maxTimestamp)
            dropped += 1
        }
        if dropped > 0 { slots[position].recent.removeFirst(dropped) }
    }

    /// Declares that samples up to `time` may be only in the file, dropping chunks no longer readable from memory.
    mutating func raiseMemoryFloor(at position: Int, to time: Int64) {
        guard time > slots[position].memoryAfter else { return }
        slots[position].memoryAfter = time
        slots[position].recent.removeAll { $0.maxTimestamp <= time }
    }

    /// Bytes of compressed samples held in memory: open heads plus recent chunks.
    var memoryChunkBytes: Int {
        var total = 0
        for slot in slots where slot.inUse {
            total += slot.head.byteCount
            for chunk in slot.recent { total += chunk.bytes.count }
        }
        return total
    }
}
