/// The VM-wide gauges of one node at one scan.
public struct VMGauges: Hashable, Sendable {
    public let processCount: Int
    public let processLimit: Int
    public let portCount: Int
    public let portLimit: Int
    public let atomCount: Int
    public let atomLimit: Int
    public let runQueueLength: Int
    public let memory: MemoryUsage
    /// Scheduler utilization in 1/10,000ths, kept whole so that bodies print exactly.
    public let schedulerUtilizationPermyriad: Int
    /// How long the exporter's scan took, in microseconds.
    public let scanDurationMicroseconds: Int

    /// 0...1 over the last scan interval.
    public var schedulerUtilization: Double { Double(schedulerUtilizationPermyriad) / 10_000 }
    public var scanDurationSeconds: Double { Double(scanDurationMicroseconds) / 1_000_000 }
}
