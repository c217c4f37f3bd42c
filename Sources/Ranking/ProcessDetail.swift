public import TimeSeries

/// Which process a detail belongs to: its target's `instance` and its `pid`.
public struct ProcessKey: Sendable, Hashable {
    public var instance: String
    public var pid: String

    public init(instance: String, pid: String) {
        self.instance = instance
        self.pid = pid
    }

    /// The key of a series that carries `instance` and `pid`; nil when either is missing.
    public init?(_ labels: Labels) {
        guard let pid = labels["pid"], !pid.isEmpty else { return nil }
        self.init(instance: labels["instance"] ?? "", pid: pid)
    }
}

/// What the exporter says about one process besides its queue, over the recent past, oldest
/// first: its reductions rate (`erlang_process_reductions_per_second`) and its status and current
/// function (`erlang_process_info`). An older exporter serves neither, and the ranking then
/// judges nothing.
public struct ProcessDetail: Sendable, Equatable {
    /// One reading of the reductions rate.
    public struct Rate: Sendable, Equatable {
        public var time: Int64
        public var perSecond: Double

        public init(time: Int64, perSecond: Double) {
            self.time = time
            self.perSecond = perSecond
        }
    }

    /// One reading of the info series: where the process was and its status.
    public struct State: Sendable, Equatable {
        public var time: Int64
        public var status: String
        public var currentFunction: String

        public init(time: Int64, status: String, currentFunction: String) {
            self.time = time
            self.status = status
            self.currentFunction = currentFunction
        }
    }

    /// The exporter's series of reductions per second of each exported process.
    public static let reductionsMetric = "erlang_process_reductions_per_second"
    /// The exporter's `{pid, current_function, status} 1` series of each exported process.
    public static let infoMetric = "erlang_process_info"

    public var rates: [Rate] = []
    public var states: [State] = []

    public init(rates: [Rate] = [], states: [State] = []) {
        self.rates = rates
        self.states = states
    }

    /// Adds a sample of either series, in time order; a sample not newer than the last of its kind
    /// is ignored. False when `sample` is neither series (or an info sample without status).
    @discardableResult
    public mutating func add(_ labels: Labels, value: Double, time: Int64) -> Bool {
        switch labels.name {
        case Self.reductionsMetric:
            guard value.isFinite, rates.last.map({ $0.time < time }) ?? true else { return true }
            rates.append(Rate(time: time, perSecond: value))
        case Self.infoMetric:
            guard let status = labels["status"], !status.isEmpty else { return false }
            guard states.last.map({ $0.time < time }) ?? true else { return true }
            states.append(State(time: time, status: status, currentFunction: labels["current_function"] ?? ""))
        default:
            return false
        }
        return true
    }

    /// Drops readings before `cutoff`; false when nothing is left.
    public mutating func trim(before cutoff: Int64) -> Bool {
        if let first = rates.firstIndex(where: { $0.time >= cutoff }) { rates.removeFirst(first) } else { rates.removeAll() }
        if let first = states.firstIndex(where: { $0.time >= cutoff }) { states.removeFirst(first) } else { states.removeAll() }
        return !rates.isEmpty || !states.isEmpty
    }

    /// The details of every process in `series` (stored series of both metrics, any order).
    public static func collect(_ series: [(labels: Labels, timestamps: [Int64], values: [Double])]) -> [ProcessKey: ProcessDetail] {
        var details: [ProcessKey: ProcessDetail] = [:]
        // Info series of one process come one after another (a new one each time its function or
        // status changed): merged in time order.
        for one in series.sorted(by: { ($0.timestamps.first ?? 0) < ($1.timestamps.first ?? 0) }) {
            guard let key = ProcessKey(one.labels) else { continue }
            var detail = details[key] ?? ProcessDetail()
            for (time, value) in zip(one.timestamps, one.values) where !Sample.isStaleMarker(value) {
                detail.add(one.labels, value: value, time: time)
            }
            details[key] = detail
        }
        return details
    }
}
