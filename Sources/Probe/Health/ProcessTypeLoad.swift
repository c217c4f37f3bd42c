/// The non-empty mailboxes of one kind of process on a node, as the exporter aggregates them by
/// initial call: where a backlog spread thinly over thousands of processes shows.
public struct ProcessTypeLoad: Sendable, Equatable {
    /// The kind: the process's initial call, proc_lib-aware (`chat_session:init/1`).
    public var initialCall: String
    /// Messages waiting in all its processes.
    public var queued: Double
    /// The longest queue among them.
    public var largestQueue: Double
    /// Its processes with a non-empty queue.
    public var processes: Double

    public init(initialCall: String, queued: Double = 0, largestQueue: Double = 0, processes: Double = 0) {
        self.initialCall = initialCall
        self.queued = queued
        self.largestQueue = largestQueue
        self.processes = processes
    }
}

/// A node's distribution link to one connected node: what waits to be sent there.
public struct DistributionLink: Sendable, Equatable {
    /// The connected node's name.
    public var peer: String
    /// Bytes queued for sending to it.
    public var queuedBytes: Double
    /// Whether the link is over its busy limit, so senders to it are suspended.
    public var isBusy: Bool

    public init(peer: String, queuedBytes: Double = 0, isBusy: Bool = false) {
        self.peer = peer
        self.queuedBytes = queuedBytes
        self.isBusy = isBusy
    }
}
