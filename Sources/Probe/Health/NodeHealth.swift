import TimeSeries

/// What one node's latest scrape says about its health: the figures the dashboard and `top` show.
public struct NodeHealth: Sendable, Equatable {
    /// Whether the last scrape worked, and why not.
    public enum Status: Sendable, Equatable {
        case up
        case down(reason: String)
    }

    public var job: String
    public var instance: String
    /// The Erlang node name from `erlang_node_info`, when the node exports it.
    public var node: String?
    public var otpRelease: String?
    public var status: Status
    /// Seconds the last scrape took.
    public var scrapeDuration: Double
    public var processCount: Double?
    public var processLimit: Double?
    public var portCount: Double?
    public var portLimit: Double?
    public var atomCount: Double?
    public var atomLimit: Double?
    public var runQueue: Double?
    /// Bytes by `kind` (processes, system, binary, ets, atom, code).
    public var memory: [String: Double]
    /// 0…1 over the exporter's last scan interval.
    public var schedulerUtilization: Double?
    /// New series of this target the history's series budget refused in the cycle (0 when all were stored).
    public var newSeriesRefused = 0
    /// Messages waiting in all mailboxes on the node.
    public var queuedMessages: Double?
    public var largestQueue: Double?
    /// Its kinds of process with non-empty queues, most queued first (the exporter sends the top few).
    public var processTypes: [ProcessTypeLoad] = []
    /// Its distribution links, most bytes queued first.
    public var distributionLinks: [DistributionLink] = []
    /// Bytes queued on a link at which it becomes busy (`+zdbbl`).
    public var distributionBusyLimit: Double?

    /// Reads the health figures out of one target's scrape.
    public init(scrape: TargetScrape) {
        job = scrape.target.job
        instance = scrape.target.instance
        status = scrape.error.map { .down(reason: $0.reason) } ?? .up
        scrapeDuration = scrape.duration
        memory = [:]
        for sample in scrape.samples where !sample.isStaleMarker { absorb(sample) }
        if !processTypes.isEmpty { processTypes.sort { ($0.queued, $1.initialCall) > ($1.queued, $0.initialCall) } }
        if !distributionLinks.isEmpty { distributionLinks.sort { ($0.queuedBytes, $1.peer) > ($1.queuedBytes, $0.peer) } }
    }

    /// A label people recognise: the Erlang node name when known, else host:port.
    public var displayName: String { node ?? instance }

    public var isUp: Bool { status == .up }

    /// Sum of the memory kinds the exporter reports.
    public var memoryTotal: Double? { memory.isEmpty ? nil : memory.values.reduce(0, +) }

    /// Count as a share of its limit, 0…1, when both are known.
    public var processUsage: Double? { ratio(processCount, processLimit) }
    public var portUsage: Double? { ratio(portCount, portLimit) }
    public var atomUsage: Double? { ratio(atomCount, atomLimit) }

    /// Plain-words problems worth marking, such as "process count at 93% of limit".
    public func problems(nearLimit: Double = 0.8, runQueueHigh: Double = 10) -> [String] {
        var out: [String] = []
        if case .down(let reason) = status { out.append("down: \(reason)") }
        if newSeriesRefused > 0 { out.append("\(newSeriesRefused) new series refused (series budget)") }
        for (what, usage) in [("process count", processUsage), ("port count", portUsage), ("atom count", atomUsage)] {
            if let usage, usage >= nearLimit { out.append("\(what) at \(Int((usage * 100).rounded()))% of limit") }
        }
        if let runQueue, runQueue >= runQueueHigh { out.append("run queue \(Int(runQueue))") }
        return out
    }

    private func ratio(_ count: Double?, _ limit: Double?) -> Double? {
        guard let count, let limit, limit > 0 else { return nil }
        return count / limit
    }

    /// The metrics `absorb` reads: most of a scrape is per-process series, which one set lookup
    /// passes over instead of the whole switch.
    private static let healthMetrics: Set<String> = [
        ExporterMetric.processCount, ExporterMetric.processLimit, ExporterMetric.portCount, ExporterMetric.portLimit,
        ExporterMetric.atomCount, ExporterMetric.atomLimit, ExporterMetric.runQueue, ExporterMetric.schedulerUtilization,
        ExporterMetric.queueSum, ExporterMetric.queueMax, ExporterMetric.memory, ExporterMetric.typeQueueSum,
        ExporterMetric.typeQueueMax, ExporterMetric.typeProcesses, ExporterMetric.distQueueBytes, ExporterMetric.distBusy,
        ExporterMetric.distBusyLimit, ExporterMetric.nodeInfo,
    ]

    private mutating func absorb(_ sample: Sample) {
        let value = sample.value
        let name = sample.labels.name
        guard Self.healthMetrics.contains(name) else { return }
        switch name {
        case ExporterMetric.processCount: processCount = value
        case ExporterMetric.processLimit: processLimit = value
        case ExporterMetric.portCount: portCount = value
        case ExporterMetric.portLimit: portLimit = value
        case ExporterMetric.atomCount: atomCount = value
        case ExporterMetric.atomLimit: atomLimit = value
        case ExporterMetric.runQueue: runQueue = value
        case ExporterMetric.schedulerUtilization: schedulerUtilization = value
        case ExporterMetric.queueSum: queuedMessages = value
        case ExporterMetric.queueMax: largestQueue = value
        case ExporterMetric.memory:
            if let kind = sample.labels["kind"] { memory[kind] = value }
        case ExporterMetric.typeQueueSum: updateType(sample) { $0.queued = value }
        case ExporterMetric.typeQueueMax: updateType(sample) { $0.largestQueue = value }
        case ExporterMetric.typeProcesses: updateType(sample) { $0.processes = value }
        case ExporterMetric.distQueueBytes: updateLink(sample) { $0.queuedBytes = value }
        case ExporterMetric.distBusy: updateLink(sample) { $0.isBusy = value > 0 }
        case ExporterMetric.distBusyLimit: distributionBusyLimit = value
        case ExporterMetric.nodeInfo:
            node = sample.labels["node"]
            otpRelease = sample.labels["otp_release"]
        default: break
        }
    }

    /// The exporter sends only the top few types and links, so a linear search beats hashing.
    private mutating func updateType(_ sample: Sample, _ change: (inout ProcessTypeLoad) -> Void) {
        guard let initialCall = sample.labels["initial_call"] else { return }
        Self.update(&processTypes, where: { $0.initialCall == initialCall }, else: ProcessTypeLoad(initialCall: initialCall), change)
    }

    private mutating func updateLink(_ sample: Sample, _ change: (inout DistributionLink) -> Void) {
        guard let peer = sample.labels["peer"] else { return }
        Self.update(&distributionLinks, where: { $0.peer == peer }, else: DistributionLink(peer: peer), change)
    }

    /// Changes the element `matches` finds, or appends `fresh` changed.
    private static func update<Element>(
        _ elements: inout [Element], where matches: (Element) -> Bool, else fresh: @autoclosure () -> Element,
        _ change: (inout Element) -> Void
    ) {
        if let index = elements.firstIndex(where: matches) {
            change(&elements[index])
        } else {
            elements.append(fresh())
            change(&elements[elements.count - 1])
        }
    }
}
