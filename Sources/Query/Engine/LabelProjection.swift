import TimeSeries

/// A fixed set of label names to keep or drop from many label sets, as grouping and vector
/// matching do for every series: the names are sorted once, and each label set is walked in
/// step with them instead of hashing every label name.
///
/// Label sets are read through their storage's buffer: iterating `Labels` as a collection
/// copies each label out, two string retains and releases per label and series.
struct LabelProjection {
    private let names: [String]
    private let keeps: Bool

    /// Keeps only the given names (`by`, `on`), or drops them (`without`, `ignoring`).
    init(_ names: some Sequence<String>, keeping: Bool) {
        self.names = Set(names).sorted()
        keeps = keeping
    }

    /// Whether it drops nothing (`ignoring()` with no names), so applying it can be skipped.
    var isIdentity: Bool { !keeps && names.isEmpty }

    func apply(_ labels: Labels) -> Labels {
        var result: [Label] = []
        result.reserveCapacity(keeps ? names.count : labels.count)
        forEachKept(labels) { result.append($0) }
        return Labels(presorted: result)
    }

    /// A hash of the projected labels' names and values, without building them.
    func hash(_ labels: Labels) -> UInt64 {
        var hash = WordHash()
        forEachKept(labels) { label in
            hash.add(label.name)
            hash.add(label.value)
        }
        return hash.value
    }

    /// Whether two label sets project to the same labels, compared without building them.
    func sameProjection(_ lhs: Labels, _ rhs: Labels) -> Bool {
        lhs.storage.withUnsafeBufferPointer { left in
            rhs.storage.withUnsafeBufferPointer { right in
                names.withUnsafeBufferPointer { names in
                    var (i, j) = (0, 0)
                    while true {
                        i = LabelProjection.nextKept(left, from: i, names, keeps)
                        j = LabelProjection.nextKept(right, from: j, names, keeps)
                        guard i < left.count, j < right.count else { return i == left.count && j == right.count }
                        guard left[i].name == right[j].name, left[i].value == right[j].value else { return false }
                        i += 1
                        j += 1
                    }
                }
            }
        }
    }

    /// Calls `body` with each label the projection keeps, in order.
    private func forEachKept(_ labels: Labels, _ body: (borrowing Label) -> Void) {
        labels.storage.withUnsafeBufferPointer { labels in
            names.withUnsafeBufferPointer { names in
                var next = 0
                for index in labels.indices {
                    let name = labels[index].name
                    while next < names.count, names[next] < name { next += 1 }
                    let listed = next < names.count && names[next] == name
                    if listed == keeps { body(labels[index]) }
                }
            }
        }
    }

    /// The first position at or after `start` whose label the projection keeps.
    private static func nextKept(
        _ labels: UnsafeBufferPointer<Label>, from start: Int, _ names: UnsafeBufferPointer<String>, _ keeps: Bool
    ) -> Int {
        var index = start
        while index < labels.count, names.contains(labels[index].name) != keeps { index += 1 }
        return index
    }
}
