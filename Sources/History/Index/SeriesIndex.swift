internal import TimeSeries

/// The writer's in-memory copy of the series index: labels to a slot by hash, ids to slots, and the
/// label-pair ids of the postings, loaded from the file on open.
struct SeriesIndex {
    /// Slots by position; positions are reused through a free list when retention drops a series.
    var slots: [SeriesSlot] = []
    private var freeSlots: [Int] = []
    private var slotByLabels: [Labels: Int] = [:]
    private var slotByID: [Int64: Int] = [:]
    /// Label pair → its row id in `label_pairs`.
    private(set) var pairIDs: [Label: Int64] = [:]
    /// The next series id; ids are never reused, so an old tail row cannot name a newer series.
    var nextSeriesID: Int64 = 1
    var nextPairID: Int64 = 1
    /// Label pairs to slot positions, so reads resolve matchers without SQL.
    private(set) var postings = MemoryPostings()
    /// Slot ranks in label order, for sorting selections; refreshed before each read.
    private(set) var order = LabelOrder()

    var count: Int { slotByID.count }

    func slot(for labels: Labels) -> Int? { slotByLabels[labels] }
    func slot(forID id: Int64) -> Int? { slotByID[id] }
    func pairID(_ label: Label) -> Int64? { pairIDs[label] }

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
        postings.remove(slot.labels, at: position)
        order.remove(position)
        slots[position] = SeriesSlot(id: 0, labels: Labels())
        slots[position].inUse = false
        freeSlots.append(position)
    }

    /// Brings the label order up to date with inserts and removals since the last read.
    mutating func refreshOrder() { order.refresh(slots) }

    mutating func addPair(_ label: Label, id: Int64) {
        pairIDs[label] = id
        nextPairID = max(nextPairID, id + 1)
    }

    mutating func removePair(_ label: Label) { pairIDs[label] = nil }
}
