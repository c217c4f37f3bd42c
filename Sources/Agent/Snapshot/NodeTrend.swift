public import Probe

/// A node's recent figures, one value per cycle, oldest first (NaN while it was down).
public struct NodeTrend: Sendable, Hashable {
    public var runQueue: [Double] = []
    public var memoryBytes: [Double] = []
    public var schedulerUtilization: [Double] = []
    public var queuedTotal: [Double] = []
    public var scrapeMilliseconds: [Double] = []

    public init() {}

    mutating func append(_ health: NodeHealth, limit: Int) {
        func push(_ values: inout [Double], _ value: Double?) {
            values.append(value ?? .nan)
            if values.count > limit { values.removeFirst(values.count - limit) }
        }
        push(&runQueue, health.runQueue)
        push(&memoryBytes, health.memoryTotal)
        push(&schedulerUtilization, health.schedulerUtilization)
        push(&queuedTotal, health.queuedMessages)
        push(&scrapeMilliseconds, health.scrapeDuration * 1000)
    }
}
