import TimeSeries

/// A fixed set of label names to keep or drop from many label sets, as grouping and vector
/// matching do for every series: the names are sorted once, and each label set is walked in
/// step with them instead of hashing every label name.
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
        var next = 0
        for label in labels {
            while next < names.count, names[next] < label.name { next += 1 }
            let listed = next < names.count && names[next] == label.name
            if listed == keeps { result.append(label) }
        }
        return Labels(presorted: result)
    }

    /// A hash of the projected labels (FNV-1a over names and values), without building them.
    func hash(_ labels: Labels) -> UInt64 {
        var hash: UInt64 = 14_695_981_039_346_656_037
        var next = 0
        for label in labels {
            while next < names.count, names[next] < label.name { next += 1 }
            let listed = next < names.count && names[next] == label.name
            guard listed == keeps else { continue }
            for byte in label.name.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
            hash = (hash ^ 0xFF) &* 1_099_511_628_211
            for byte in label.value.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
            hash = (hash ^ 0xFF) &* 1_099_511_628_211
        }
        return hash
    }

    /// Whether two label sets project to the same labels, compared without building them.
    func sameProjection(_ lhs: Labels, _ rhs: Labels) -> Bool {
        var left = lhs.makeIterator()
        var right = rhs.makeIterator()
        while true {
            let a = nextKept(&left)
            let b = nextKept(&right)
            if a != b { return false }
            if a == nil { return true }
        }
    }

    private func nextKept(_ iterator: inout Labels.Iterator) -> Label? {
        while let label = iterator.next() {
            if names.contains(label.name) == keeps { return label }
        }
        return nil
    }
}
