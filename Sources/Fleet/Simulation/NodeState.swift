public import TimeSeries

/// What one node's exporter knows after the scan at one simulated second.
public struct NodeState: Sendable {
    /// The node's index in the fleet, from 0.
    public let node: Int
    /// The Erlang node name, such as `chat1@127.0.0.1`.
    public let nodeName: String
    /// Whole seconds since the fleet's epoch.
    public let second: Int
    /// When the scan ran, in simulated time.
    public let scanTime: Timestamp
    /// A down node serves nothing; the rest of the state is what it would report.
    public let isUp: Bool
    /// The exported processes, longest queue first.
    public let processes: [ProcessQueue]
    public let queues: QueueSummary
    /// The non-empty queues by process type, largest sums first; empty when the scenario does
    /// not serve process detail (see `FleetScenario.servesProcessDetail`).
    public let processTypes: [ProcessTypeQueues]
    /// Whether the body carries the info series, reductions rates and process types.
    public let servesProcessDetail: Bool
    public let vm: VMGauges
    /// Links to the connected peers; empty when the scenario does not serve them (see
    /// `FleetScenario.servesDistribution`).
    public let distributionLinks: [DistributionLink]
    /// Whether the body carries the `erlang_vm_dist_*` families.
    public let servesDistribution: Bool
}
