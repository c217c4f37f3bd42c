/// Every series a sender has seen, by the history's series id: its labels as they go on the wire
/// (relabelled, external labels added, encoded once), and its place in the batch being built.
///
/// Series ids are never reused, so an entry never goes stale. The history hands out ids in
/// sequence, so rows are found by the id's offset from the lowest id seen, in an array (4 bytes an
/// id, less than the row itself): encoding a sample costs array indexing, not hashing.
struct SenderSeriesTable {
    /// Row per id, at `id - lowestID`; -1 where the id was not seen.
    private var rowByOffset: [Int32] = []
    private var lowestID: Int64 = 0
    /// Wire labels per row; nil when `write_relabel_configs` drop the series.
    private(set) var labels: [WriteRequestEncoder.SeriesLabels?] = []
    /// Per row, the size of its wire labels, -1 when it is dropped: read per sample without
    /// touching (and reference-counting) the labels themselves.
    private(set) var labelSize: [Int32] = []
    /// Per row, the batch that last gave it a slot, and that slot.
    private var slotBatch: [Int] = []
    private var slot: [Int32] = []
    private var batch = 0

    /// The row of a series id already in the table.
    func row(of id: Int64) -> Int32? {
        let offset = id &- lowestID
        guard offset >= 0, offset < Int64(rowByOffset.count) else { return nil }
        let row = rowByOffset[Int(offset)]
        return row >= 0 ? row : nil
    }

    /// Adds a series (or replaces nothing: an id is added once).
    mutating func add(id: Int64, labels wire: WriteRequestEncoder.SeriesLabels?) {
        guard row(of: id) == nil else { return }
        if rowByOffset.isEmpty {
            lowestID = id
        } else if id < lowestID {
            rowByOffset.insert(contentsOf: repeatElement(-1, count: Int(lowestID - id)), at: 0)
            lowestID = id
        }
        let offset = Int(id - lowestID)
        if offset >= rowByOffset.count { rowByOffset.append(contentsOf: repeatElement(-1, count: offset - rowByOffset.count + 1)) }
        rowByOffset[offset] = Int32(labels.count)
        labels.append(wire)
        labelSize.append(wire.map { Int32($0.bytes.count) } ?? -1)
        slotBatch.append(-1)
        slot.append(0)
    }

    /// Starts a new batch: every row is without a slot again.
    mutating func beginBatch() { batch += 1 }

    /// The row's slot in this batch, and whether it was just given one (`next`, the number of
    /// slots so far).
    mutating func slot(of row: Int32, next: Int) -> (slot: Int, isNew: Bool) {
        let index = Int(row)
        if slotBatch[index] == batch { return (Int(slot[index]), false) }
        slotBatch[index] = batch
        slot[index] = Int32(next)
        return (next, true)
    }
}
