internal import TimeSeries

/// Every slot's rank in label order, so a selection comes out in label order (as the file's
/// path sorts it) by comparing integers instead of label sets.
///
/// Inserts and removals are noted and applied at the next read: new series are sorted among
/// themselves and placed by binary search (few) or merged (many), and ranks are renumbered.
struct LabelOrder {
    /// Slot positions in label order, as of the last refresh.
    private var ordered: [Int] = []
    /// Rank by slot position; meaningless for free positions.
    private(set) var rank: [Int] = []
    private var added: [Int] = []
    private var removed: Set<Int> = []

    var isCurrent: Bool { added.isEmpty && removed.isEmpty }

    mutating func insert(_ position: Int) { added.append(position) }

    mutating func remove(_ position: Int) { removed.insert(position) }

    /// Applies the noted changes; `slots` are the index's slots now.
    mutating func refresh(_ slots: [SeriesSlot]) {
        guard !isCurrent else { return }
        let precedes = { (lhs: Int, rhs: Int) in slots[lhs].labels.storage.lexicographicallyPrecedes(slots[rhs].labels.storage) }
        if !removed.isEmpty { ordered.removeAll { removed.contains($0) } }
        // A position removed and reused, or added and removed, before this refresh counts once, as it is now.
        var seen = Set<Int>()
        let fresh = added.filter { slots[$0].inUse && seen.insert($0).inserted }.sorted(by: precedes)
        if fresh.count <= 64 {
            for position in fresh {
                var low = 0
                var high = ordered.count
                while low < high {
                    let middle = (low + high) / 2
                    if precedes(ordered[middle], position) { low = middle + 1 } else { high = middle }
                }
                ordered.insert(position, at: low)
            }
        } else {
            var merged: [Int] = []
            merged.reserveCapacity(ordered.count + fresh.count)
            var old = 0
            var new = 0
            while old < ordered.count, new < fresh.count {
                if precedes(fresh[new], ordered[old]) {
                    merged.append(fresh[new])
                    new += 1
                } else {
                    merged.append(ordered[old])
                    old += 1
                }
            }
            merged += ordered[old...]
            merged += fresh[new...]
            ordered = merged
        }
        if rank.count < slots.count { rank += repeatElement(0, count: slots.count - rank.count) }
        for (index, position) in ordered.enumerated() { rank[position] = index }
        added.removeAll(keepingCapacity: true)
        removed.removeAll(keepingCapacity: true)
    }
}
