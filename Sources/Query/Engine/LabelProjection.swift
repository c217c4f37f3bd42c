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
}
