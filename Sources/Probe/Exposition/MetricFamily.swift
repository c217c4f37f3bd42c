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
