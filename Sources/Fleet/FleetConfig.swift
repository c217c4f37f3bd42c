public import TimeSeries

/// Everything that decides what a simulated fleet serves and where.
public struct FleetConfig: Hashable, Sendable {
    /// How many nodes to simulate; each gets its own port.
    public var nodeCount: Int
    /// The first node's port; node `i` listens on `basePort + i`. 0 binds every node to an ephemeral port.
    public var basePort: Int
    /// The address every node listens on; also the host part of the node names (`chat1@127.0.0.1`).
    public var bindHost: String
    /// The same seed replays the same fleet, byte for byte.
    public var seed: UInt64
    /// How many processes each node runs; only the exported ones appear in a body.
    public var processesPerNode: Int
    public var scenario: FleetScenario
    /// Overrides the scenario's exporter settings (tests export every process to check sums).
    public var exportLimits: ExportLimits
    /// When simulated time 0 is; nil starts it when the server starts.
    public var epoch: Timestamp?
    /// The churn scenario's new series per node per second (its processes, all replaced every second).
    public var newSeriesPerSecond: Int

    public init(
        nodeCount: Int? = nil,
        basePort: Int = 9100,
        bindHost: String = "127.0.0.1",
        seed: UInt64 = 1,
        processesPerNode: Int = 5000,
        scenario: FleetScenario = .default,
        exportLimits: ExportLimits? = nil,
        epoch: Timestamp? = nil,
        newSeriesPerSecond: Int = 50_000
    ) {
        self.nodeCount = nodeCount ?? scenario.defaultNodeCount
        self.basePort = basePort
        self.bindHost = bindHost
        self.seed = seed
        self.processesPerNode = processesPerNode
        self.scenario = scenario
        self.exportLimits = exportLimits ?? scenario.exportLimits(newSeriesPerSecond: newSeriesPerSecond)
        self.epoch = epoch
        self.newSeriesPerSecond = newSeriesPerSecond
    }

    /// Checks what the type system cannot: counts, the port range and the export limits.
    public func validate() throws(FleetConfigError) {
        guard nodeCount >= 1 else { throw .tooFewNodes(nodeCount) }
        guard processesPerNode >= 1 else { throw .tooFewProcesses(processesPerNode) }
        guard newSeriesPerSecond >= 1 else { throw .tooFewNewSeries(newSeriesPerSecond) }
        if basePort != 0 {
            let (lastPort, overflow) = basePort.addingReportingOverflow(nodeCount - 1)
            guard basePort >= 1, !overflow, lastPort <= 65535 else {
                throw .portOutOfRange(basePort: basePort, nodeCount: nodeCount)
            }
        }
        guard exportLimits.topK >= 0, exportLimits.floor >= 0, exportLimits.maxSeries >= 0 else {
            throw .invalidExportLimits(exportLimits)
        }
    }

    /// The port node `node` is configured for; 0 when ports are ephemeral.
    public func port(ofNode node: Int) -> Int { basePort == 0 ? 0 : basePort + node }
}
