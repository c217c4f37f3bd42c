public import TimeSeries

/// The whole simulated fleet as a pure function of time: the same config, epoch and second always
/// give the same state, so tests ask for any moment directly instead of waiting for it.
public struct FleetSimulation: Sendable {
    public let config: FleetConfig
    /// Simulated second 0.
    public let epoch: Timestamp

    let roster: ProcessRoster
    let script: ScenarioScript
    let noise: SimulationNoise
    /// The roster index of the process the scenario stalls, if the scenario has one.
    let stalledProcess: Int?
    private let nodeNames: [String]

    public init(config: FleetConfig, epoch: Timestamp) {
        self.config = config
        self.epoch = epoch
        let roster = config.scenario.roster(
            processCount: max(1, config.processesPerNode), newSeriesPerSecond: max(1, config.newSeriesPerSecond))
        let script = config.scenario.script
        self.roster = roster
        self.script = script
        noise = SimulationNoise(seed: config.seed)
        stalledProcess = script.stall.flatMap { roster.index(ofRegisteredName: $0.processName) }
        nodeNames = (0..<max(0, config.nodeCount)).map { "chat\($0 + 1)@\(config.bindHost)" }
    }

    public var nodeCount: Int { nodeNames.count }

    /// The Erlang node name of node `node` (from 0): `chat1@127.0.0.1` for node 0.
    public func nodeName(_ node: Int) -> String { nodeNames[node] }

    /// The simulated second a moment falls in; the exporter scans once a second, so a body changes
    /// only when this does. Moments before the epoch count as second 0.
    public func second(at time: Timestamp) -> Int {
        let elapsed = time.milliseconds - epoch.milliseconds
        return elapsed <= 0 ? 0 : Int(elapsed / 1000)
    }

    /// Whether a node is serving at a simulated second.
    public func isUp(node: Int, atSecond second: Int) -> Bool {
        guard let outage = script.outage else { return true }
        return !outage.isDown(node: node, atCycleSecond: script.cycleSecond(max(0, second)))
    }

    public func nodeState(_ node: Int, at time: Timestamp) -> NodeState {
        nodeState(node, atSecond: second(at: time))
    }

    /// The roster index of the process registered under `name`, the same on every node.
    public func processIndex(named name: String) -> Int? { roster.index(ofRegisteredName: name) }

    /// How many processes each node runs.
    public var processCount: Int { roster.count }
}
