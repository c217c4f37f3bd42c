public import TimeSeries

/// How many processes of each type (initial call) hold a non-empty queue, per target: the latest
/// `erlang_process_type_processes` of each, which names a type's entry in the ranking
/// (`chat_session:init/1 ×10,000`).
public struct ProcessTypeCounts: Sendable, Equatable {
    /// The exporter's count of processes per type.
    public static let metric = "erlang_process_type_processes"
    /// The exporter's summed queue per type, whose series the counts name.
    public static let sumMetric = BacklogMetric.erlangProcessTypes.metric

    /// instance → initial call → processes.
    private var counts: [String: [String: Double]] = [:]

    public init() {}

    /// True when no target gave a count.
    public var isEmpty: Bool { counts.isEmpty }

    public mutating func set(instance: String, initialCall: String, processes: Double) {
        counts[instance, default: [:]][initialCall] = processes
    }

    /// Forgets a target's counts: before taking in its next scrape, or when it is no longer polled.
    public mutating func remove(instance: String) {
        counts[instance] = nil
    }

    public func processes(instance: String, initialCall: String) -> Double? {
        counts[instance]?[initialCall]
    }

    /// `series` with its `processes` set when it is a process type's and its count is known.
    public func applied(to series: BacklogSeries) -> BacklogSeries {
        guard let initialCall = series.labels["initial_call"], series.labels["pid"] == nil,
            let processes = processes(instance: series.labels["instance"] ?? "", initialCall: initialCall)
        else { return series }
        var counted = series
        counted.processes = processes
        return counted
    }

    /// The latest count of each stored series of `erlang_process_type_processes`.
    public static func collect(_ series: [(labels: Labels, values: [Double])]) -> ProcessTypeCounts {
        var counts = ProcessTypeCounts()
        for one in series {
            guard let initialCall = one.labels["initial_call"], let last = one.values.last(where: { !Sample.isStaleMarker($0) && $0.isFinite })
            else { continue }
            counts.set(instance: one.labels["instance"] ?? "", initialCall: initialCall, processes: last)
        }
        return counts
    }
}
