/// One kind of process on a node, by initial call, summed over its non-empty mailboxes.
public struct ProcessTypeRow: Hashable, Sendable {
    public var initialCall: String
    public var queued: Int
    public var largestQueue: Int
    public var processes: Int

    public init(initialCall: String, queued: Int, largestQueue: Int, processes: Int) {
        self.initialCall = initialCall
        self.queued = queued
        self.largestQueue = largestQueue
        self.processes = processes
    }
}

/// One of a node's distribution links: the bytes waiting to go to a connected node.
public struct DistributionLinkRow: Hashable, Sendable {
    public var peer: String
    public var queuedBytes: Double
    /// Over the busy limit: processes sending to that node are suspended.
    public var isBusy: Bool

    public init(peer: String, queuedBytes: Double, isBusy: Bool = false) {
        self.peer = peer
        self.queuedBytes = queuedBytes
        self.isBusy = isBusy
    }
}
