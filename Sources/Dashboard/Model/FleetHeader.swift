/// The one-line summary at the top of the dashboard.
public struct FleetHeader: Hashable, Sendable {
    public var nodesUp: Int
    public var nodesTotal: Int
    /// Messages waiting in all process mailboxes across the fleet.
    public var totalQueued: Int
    public var alertsFiring: Int
    public var pollIntervalSeconds: Double
    /// How long the last poll cycle took, end to end.
    public var lastCycleMilliseconds: Double
    /// True when the agent is not updating (the dashboard shows the same when the user pauses it).
    public var paused: Bool

    public init(nodesUp: Int = 0, nodesTotal: Int = 0, totalQueued: Int = 0, alertsFiring: Int = 0,
                pollIntervalSeconds: Double = 1, lastCycleMilliseconds: Double = 0, paused: Bool = false) {
        self.nodesUp = nodesUp
        self.nodesTotal = nodesTotal
        self.totalQueued = totalQueued
        self.alertsFiring = alertsFiring
        self.pollIntervalSeconds = pollIntervalSeconds
        self.lastCycleMilliseconds = lastCycleMilliseconds
        self.paused = paused
    }
}
