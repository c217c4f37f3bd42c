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

/// One metric family of an exposition: its name, declared type, help, unit, and how many samples it had.
public struct MetricFamily: Hashable, Sendable {
    public var name: String
    /// The `# TYPE`, or `untyped` (Prometheus text) / `unknown` (OpenMetrics) without one.
    public var type: MetricType
    public var help: String?
    public var unit: String?
    public var sampleCount: Int

    public init(name: String, type: MetricType, help: String? = nil, unit: String? = nil, sampleCount: Int) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.sampleCount = sampleCount
    }
}

/// The endings that tie a sample to its family, such as `_bucket` on histogram `foo`'s `foo_bucket`.
enum MetricSuffix: String, CaseIterable {
    case none = ""
    case total = "_total"
    case created = "_created"
    case bucket = "_bucket"
    case count = "_count"
    case sum = "_sum"
    case info = "_info"
    case gcount = "_gcount"
    case gsum = "_gsum"

    /// The suffixes OpenMetrics allows on the samples of a family of `type`.
    static func allowed(for type: MetricType) -> [MetricSuffix] {
        switch type {
        case .counter: [.total, .created]
        case .histogram: [.bucket, .count, .sum, .created]
        case .gaugehistogram: [.bucket, .gcount, .gsum]
        case .summary: [.none, .count, .sum, .created]
        case .info: [.info]
        case .gauge, .stateset, .unknown, .untyped: [.none]
        }
    }
}
