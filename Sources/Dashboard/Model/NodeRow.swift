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

    public init(name: String, status: NodeStatus = .up, processCount: Int = 0, processLimit: Int = 0, runQueue: Int = 0,
                memoryBytes: Double = 0, schedulerUtilization: Double = 0, queuedTotal: Int = 0,
                scrapeMilliseconds: Double = 0, problems: NodeProblems = [], history: NodeHistory = NodeHistory()) {
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
    }
}
