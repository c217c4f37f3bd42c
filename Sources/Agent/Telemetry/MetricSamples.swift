import TimeSeries

/// Every figure the agent reports, by family and label set, and their Prometheus text.
struct MetricSamples: Sendable {
    private var values: [MetricFamily: [Labels: Double]] = [:]

    /// Adds to a counter; adding 0 makes the sample appear.
    mutating func add(_ family: MetricFamily, _ delta: Double = 1, labels: Labels = Labels()) {
        values[family, default: [:]][labels, default: 0] += delta
    }

    mutating func set(_ family: MetricFamily, _ value: Double, labels: Labels = Labels()) {
        values[family, default: [:]][labels] = value
    }

    /// Drops one sample, as for a rule group a reload removed.
    mutating func remove(_ family: MetricFamily, labels: Labels) {
        values[family]?[labels] = nil
    }

    func value(_ family: MetricFamily, labels: Labels = Labels()) -> Double? { values[family]?[labels] }

    /// The label sets a family has samples for.
    func labelSets(_ family: MetricFamily) -> [Labels] { Array(values[family]?.keys ?? [:].keys) }

    /// The text exposition (version 0.0.4), families by name, samples by labels.
    func render() -> String {
        var out = ""
        for family in values.keys.sorted(by: { $0.name < $1.name }) {
            out += "# HELP \(family.name) \(family.help)\n# TYPE \(family.name) \(family.kind.rawValue)\n"
            let samples = values[family]!
            for labels in samples.keys.sorted(by: { $0.description < $1.description }) {
                out += "\(family.name)\(labels.isEmpty ? "" : labels.description) \(SampleValueFormat.text(samples[labels]!))\n"
            }
        }
        return out
    }
}
