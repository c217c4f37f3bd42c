import TimeSeries

/// Which group each input series falls in, and each group's labels: the `by` labels, or all but
/// the `without` labels and the metric name. Groups are numbered in order of first appearance,
/// which is the order of an instant query's result.
struct AggregationGroups {
    let groupOfRow: [Int]
    let labels: [Labels]

    init(_ aggregation: Aggregation, _ rowLabels: [Labels]) {
        guard aggregation.without || !aggregation.grouping.isEmpty else {
            // No grouping: one group, and no label set to hash per series.
            groupOfRow = Array(repeating: 0, count: rowLabels.count)
            labels = [Labels()]
            return
        }
        let projection = LabelProjection(
            aggregation.grouping + (aggregation.without ? [Labels.metricName] : []), keeping: !aggregation.without)
        // Found by a hash of the projected labels, so a group's label set is built once, not
        // once per series; a hash shared by different groups is told apart by comparing.
        var groupsOfHash: [UInt64: [(row: Labels, number: Int)]] = [:]
        var labels: [Labels] = []
        groupOfRow = rowLabels.map { rowLabels in
            let hash = projection.hash(rowLabels)
            if let candidates = groupsOfHash[hash] {
                for candidate in candidates where projection.sameProjection(candidate.row, rowLabels) { return candidate.number }
            }
            groupsOfHash[hash, default: []].append((rowLabels, labels.count))
            labels.append(projection.apply(rowLabels))
            return labels.count - 1
        }
        self.labels = labels
    }
}
