import TimeSeries

/// Numbers the distinct projections of label sets (match groups, aggregation groups) by a hash
/// of the projected labels, computed without building them. Groups sharing a hash are told
/// apart by comparing labels, so a collision costs a comparison, never a wrong group.
///
/// An open-addressing table of group numbers rather than a dictionary: the keys are hashes
/// already, and hashing them again per series costs as much as the projection's own hash.
struct GroupNumbering {
    private let projection: LabelProjection
    /// Per group: a label set that projects to it, and its hash.
    private(set) var representatives: [Labels] = []
    private var hashes: [UInt64] = []
    /// Group numbers by hash position, -1 where empty; never more than half full.
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    init(_ projection: LabelProjection) { self.projection = projection }

    var count: Int { representatives.count }

    /// The group of a label set, numbered in order of first appearance.
    mutating func number(_ labels: Labels) -> Int {
        let hash = projection.hash(labels)
        let mask = slots.count - 1
        var slot = GroupNumbering.start(hash, mask)
        while slots[slot] >= 0 {
            let candidate = Int(slots[slot])
            if hashes[candidate] == hash, projection.sameProjection(representatives[candidate], labels) { return candidate }
            slot = (slot + 1) & mask
        }
        let number = representatives.count
        representatives.append(labels)
        hashes.append(hash)
        slots[slot] = Int32(number)
        if 2 * representatives.count > slots.count { grow() }
        return number
    }

    /// Fibonacci hashing: FNV's low bits alone spread poorly.
    private static func start(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = GroupNumbering.start(hash, mask)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }
}
