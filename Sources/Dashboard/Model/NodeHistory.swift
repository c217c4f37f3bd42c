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
