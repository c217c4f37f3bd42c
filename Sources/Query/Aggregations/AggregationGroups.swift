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
        // Numbered by a hash of the projected labels, so a group's label set is built once,
        // not once per series.
        var numbering = GroupNumbering(projection)
        groupOfRow = rowLabels.map { numbering.number($0) }
        let labels = numbering.representatives.map(projection.apply)
        self.labels = labels
    }
}
