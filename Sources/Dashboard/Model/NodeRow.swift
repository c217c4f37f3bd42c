/// One node's health, as the nodes table and the node detail view show it.
public struct NodeRow: Hashable, Sendable {
    public var name: String
    public var status: NodeStatus
    public var processCount: Int
    public var processLimit: Int
    public var runQueue: Int
    public var memoryBytes: Double
    /// 0…1 over the exporter's last scan.
    public var schedulerUtilization: Double
    /// Messages queued in all of this node's processes.
    public var queuedTotal: Int
    public var scrapeMilliseconds: Double
    public var problems: NodeProblems
    public var history: NodeHistory
    /// Its kinds of process with the most queued, most first (the exporter's top few).
    public var processTypes: [ProcessTypeRow]
    /// Its distribution links, most bytes queued first.
    public var links: [DistributionLinkRow]

    public init(name: String, status: NodeStatus = .up, processCount: Int = 0, processLimit: Int = 0, runQueue: Int = 0,
                memoryBytes: Double = 0, schedulerUtilization: Double = 0, queuedTotal: Int = 0,
                scrapeMilliseconds: Double = 0, problems: NodeProblems = [], history: NodeHistory = NodeHistory(),
                processTypes: [ProcessTypeRow] = [], links: [DistributionLinkRow] = []) {
        self.name = name
        self.status = status
        self.processCount = processCount
        self.processLimit = processLimit
        self.runQueue = runQueue
        self.memoryBytes = memoryBytes
        self.schedulerUtilization = schedulerUtilization
        self.queuedTotal = queuedTotal
        self.scrapeMilliseconds = scrapeMilliseconds
        self.problems = problems
        self.history = history
        self.processTypes = processTypes
        self.links = links
    }
}

/// Whether the last scrape of a node worked.
public enum NodeStatus: Hashable, Sendable {
    case up
    /// Down, with why: `connection refused`, `timed out after 800ms`, …
    case down(reason: String)

    public var isUp: Bool { self == .up }
}

/// Which of a node's figures the agent judged a problem; the views mark those cells.
public struct NodeProblems: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let processes = NodeProblems(rawValue: 1 << 0)
    public static let runQueue = NodeProblems(rawValue: 1 << 1)
    public static let memory = NodeProblems(rawValue: 1 << 2)
    public static let schedulers = NodeProblems(rawValue: 1 << 3)
    public static let queued = NodeProblems(rawValue: 1 << 4)
    public static let scrape = NodeProblems(rawValue: 1 << 5)
    /// The agent's series budget refused the node's new series in the last cycle: it is adding far
    /// more series than its share (pids or label values churning).
    public static let newSeries = NodeProblems(rawValue: 1 << 6)
}

/// A node's recent health figures, oldest first, for the sparklines in the node detail view.
public struct NodeHistory: Hashable, Sendable {
    public var runQueue: [Double]
    public var memoryBytes: [Double]
    public var schedulerUtilization: [Double]
    public var queuedTotal: [Double]
    public var scrapeMilliseconds: [Double]

    public init(runQueue: [Double] = [], memoryBytes: [Double] = [], schedulerUtilization: [Double] = [],
                queuedTotal: [Double] = [], scrapeMilliseconds: [Double] = []) {
        self.runQueue = runQueue
        self.memoryBytes = memoryBytes
        self.schedulerUtilization = schedulerUtilization
        self.queuedTotal = queuedTotal
        self.scrapeMilliseconds = scrapeMilliseconds
    }
}
