/// Every series a sender has seen, by the history's series id: its labels as they go on the wire
/// (relabelled, external labels added, encoded once), and its place in the batch being built.
///
/// Series ids are never reused, so an entry never goes stale. The history hands out ids in
/// sequence, so rows are found by the id's offset from the lowest id seen, in an array (4 bytes an
/// id, less than the row itself): encoding a sample costs array indexing, not hashing. The wire
/// labels of every row sit one after another in one array, so a batch copies them into its
/// request without touching a reference count per series.
struct SenderSeriesTable {
    /// Row per id, at `id - lowestID`; -1 where the id was not seen.
    private var rowByOffset: [Int32] = []
    private var lowestID: Int64 = 0
    /// The wire labels of every row, one after another.
    private(set) var labelBytes: [UInt8] = []
    /// Per row, where its wire labels start in `labelBytes`.
    private(set) var labelStart: [Int] = []
    /// Per row, the size of its wire labels, -1 when `write_relabel_configs` drop the series.
    private(set) var labelSize: [Int32] = []
    /// Per row, the batch that last gave it a slot, and that slot.
    private var slotBatch: [Int] = []
    private var slot: [Int32] = []
    private var batch = 0

    /// A batch's entries grouped by series: series in first-appearance order, each series'
    /// entries in log order.
    struct Grouping {
        /// The row of each series in the batch.
        var rows: [Int32] = []
        /// Where each series' entries start in `order`; one more element than `rows`.
        var starts: [Int] = [0]
        /// Indices into the batch's entries, series by series.
        var order: [Int32] = []
        /// The newest timestamp of the entries kept.
        var newest = Int64.min
        var droppedByRelabelling: Int64 = 0
        var droppedAsUnknown: Int64 = 0
    }

    /// The row of a series id already in the table.
    func row(of id: Int64) -> Int32? {
        let offset = id &- lowestID
        guard offset >= 0, offset < Int64(rowByOffset.count) else { return nil }
        let row = rowByOffset[Int(offset)]
        return row >= 0 ? row : nil
    }

    /// The wire labels of a row; nil when the series is dropped.
    func wireLabels(ofRow row: Int) -> ArraySlice<UInt8>? {
        let size = Int(labelSize[row])
        return size < 0 ? nil : labelBytes[labelStart[row]..<(labelStart[row] + size)]
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
        rowByOffset[offset] = Int32(labelSize.count)
        labelStart.append(labelBytes.count)
        labelSize.append(wire.map { Int32($0.bytes.count) } ?? -1)
        if let wire { labelBytes.append(contentsOf: wire.bytes) }
        slotBatch.append(-1)
        slot.append(0)
    }

    /// Groups a batch by series, a counting sort: `rows` holds each entry's row (-1 for a series
    /// the history does not have), `timestamps` each entry's time.
    mutating func group(rows: [Int32], timestamps: UnsafeBufferPointer<Int64>) -> Grouping {
        precondition(rows.count == timestamps.count)
        batch += 1
        let batch = batch
        var grouping = Grouping()
        grouping.rows.reserveCapacity(rows.count)
        var counts = [Int32](repeating: 0, count: rows.count)
        var slotOfEntry = [Int32](repeating: -1, count: rows.count)
        var newest = Int64.min
        // One pass over plain buffers: this runs for every sample sent.
        rows.withUnsafeBufferPointer { rows in
            labelSize.withUnsafeBufferPointer { sizes in
                slotBatch.withUnsafeMutableBufferPointer { slotBatch in
                    slot.withUnsafeMutableBufferPointer { slot in
                        counts.withUnsafeMutableBufferPointer { counts in
                            slotOfEntry.withUnsafeMutableBufferPointer { slotOfEntry in
                                for index in 0..<rows.count {
                                    let row = Int(rows[index])
                                    guard row >= 0 else {
                                        grouping.droppedAsUnknown += 1
                                        continue
                                    }
                                    guard sizes[row] >= 0 else {
                                        grouping.droppedByRelabelling += 1
                                        continue
                                    }
                                    if slotBatch[row] != batch {
                                        slotBatch[row] = batch
                                        slot[row] = Int32(grouping.rows.count)
                                        grouping.rows.append(Int32(row))
                                    }
                                    let entrySlot = Int(slot[row])
                                    slotOfEntry[index] = Int32(entrySlot)
                                    counts[entrySlot] += 1
                                    newest = max(newest, timestamps[index])
                                }
                            }
                        }
                    }
                }
            }
        }
        grouping.newest = newest
        let seriesCount = grouping.rows.count
        grouping.starts.reserveCapacity(seriesCount + 1)
        var total = 0
        for count in counts[..<seriesCount] {
            total += Int(count)
            grouping.starts.append(total)
        }
        grouping.order = [Int32](repeating: 0, count: total)
        var next = grouping.starts
        grouping.order.withUnsafeMutableBufferPointer { order in
            for (index, slot) in slotOfEntry.enumerated() where slot >= 0 {
                order[next[Int(slot)]] = Int32(index)
                next[Int(slot)] += 1
            }
        }
        return grouping
    }
}
