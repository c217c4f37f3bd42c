public import TimeSeries

/// The declared type of a metric family (`# TYPE`).
public enum MetricType: String, Sendable {
    case counter, gauge, histogram, summary, untyped, unknown, info, stateset, gaugehistogram
}

/// An exemplar attached to a sample (OpenMetrics `# {trace_id="…"} 1.0 1.6e9`).
public struct Exemplar: Hashable, Sendable {
    public var labels: Labels
    public var value: Double
    public var timestamp: Timestamp?

    public init(labels: Labels, value: Double, timestamp: Timestamp?) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }
}

/// One thing the pull parser found, in document order.
public enum ExpositionEntry: Sendable, Equatable {
    case help(metric: String, text: String)
    case type(metric: String, type: MetricType)
    case unit(metric: String, unit: String)
    /// A sample; `labels` includes `__name__`.
    case sample(Sample, exemplar: Exemplar?)
    /// OpenMetrics `# EOF`.
    case endOfFile
}
