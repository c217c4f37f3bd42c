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
    ///
    /// New series are sorted among themselves, then merged in with as few label-set comparisons
    /// as the counts allow: series churn adds a few hundred a cycle to hundreds of thousands.
    mutating func refresh(_ slots: [SeriesSlot]) {
        guard !isCurrent else { return }
        let precedes = { (lhs: Int, rhs: Int) in slots[lhs].labels.storage.lexicographicallyPrecedes(slots[rhs].labels.storage) }
        if !removed.isEmpty {
            var gone = [Bool](repeating: false, count: slots.count)
            for position in removed where position < gone.count { gone[position] = true }
            ordered.removeAll { $0 < gone.count && gone[$0] }
        }
        // A position removed and reused, or added and removed, before this refresh counts once, as it is now.
        var seen = Set<Int>()
        let fresh = added.filter { slots[$0].inUse && seen.insert($0).inserted }.sorted(by: precedes)
        if !fresh.isEmpty {
            ordered = Self.merge(fresh, into: ordered, precedes: precedes)
        }
        if rank.count < slots.count { rank += repeatElement(0, count: slots.count - rank.count) }
        for (index, position) in ordered.enumerated() { rank[position] = index }
        added.removeAll(keepingCapacity: true)
        removed.removeAll(keepingCapacity: true)
    }

    /// `fresh` (sorted) merged into `ordered`: each placed by binary search from where the one
    /// before it went (about `fresh × log(ordered)` comparisons) when that is fewer than a
    /// side-by-side merge's (about `fresh + ordered`).
    private static func merge(_ fresh: [Int], into ordered: [Int], precedes: (Int, Int) -> Bool) -> [Int] {
        let searchCost = fresh.count * (Int.bitWidth - ordered.count.leadingZeroBitCount)
        guard searchCost < ordered.count + fresh.count else { return mergeSorted(ordered, fresh, by: precedes) }
        var merged: [Int] = []
        merged.reserveCapacity(ordered.count + fresh.count)
        var from = 0
        for position in fresh {
            var low = from
            var high = ordered.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(ordered[middle], position) { low = middle + 1 } else { high = middle }
            }
            merged += ordered[from..<low]
            merged.append(position)
            from = low
        }
        merged += ordered[from...]
        return merged
    }
}
