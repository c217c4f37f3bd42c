import TimeSeries

/// Numbers the distinct projections of label sets (match groups, aggregation groups) by a hash
/// of the projected labels, computed without building them. Groups sharing a hash are chained
/// and told apart by comparing labels, so a collision costs a comparison, never a wrong group.
struct GroupNumbering {
    private let projection: LabelProjection
    private var firstOfHash: [UInt64: Int] = [:]
    /// Per group: a label set that projects to it, and the next group with the same hash.
    private(set) var representatives: [Labels] = []
    private var nextOfGroup: [Int] = []

    init(_ projection: LabelProjection) { self.projection = projection }

    var count: Int { representatives.count }

    /// The group of a label set, numbered in order of first appearance.
    mutating func number(_ labels: Labels) -> Int {
        let hash = projection.hash(labels)
        var candidate = firstOfHash[hash] ?? -1
        while candidate >= 0 {
            if projection.sameProjection(representatives[candidate], labels) { return candidate }
            candidate = nextOfGroup[candidate]
        }
        let number = representatives.count
        nextOfGroup.append(firstOfHash[hash] ?? -1)
        firstOfHash[hash] = number
        representatives.append(labels)
        return number
    }
}
