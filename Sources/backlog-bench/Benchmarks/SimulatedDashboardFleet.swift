import Agent
import Dashboard
import DashboardFeed
import Fleet
import Probe
import TimeSeries

/// What `backlog watch` shows for a simulated fleet, second by second: every node of a
/// `FleetSimulation` polled once a second, the cycles absorbed by the agent's `RecentFleet`,
/// and the model built by `DashboardModelBuilder`, the same code `backlog watch` and
/// `backlog demo` run.
///
/// Not modelled: alerts (the rule engine over 20,000 series is its own benchmark), so the
/// alerts panel is empty and no process is marked pending or firing.
struct SimulatedDashboardFleet {
    /// Simulated time 0; any fixed moment does, so every run draws the same frames.
    static let epoch = Timestamp(milliseconds: 1_700_000_000_000)
    /// Where in each second the agent polls: after the exporters' scans at the whole second.
    static let pollOffsetMilliseconds: Int64 = 250

    let simulation: FleetSimulation
    let targets: [ScrapeTarget]
    private(set) var recent = RecentFleet(metrics: [.erlangMailboxes])
    /// The second polled last; nil before the first poll.
    private(set) var second: Int?

    /// - Parameter processesPerNode: each node's roster; its exporter exports the top 20 queues
    ///   (the exporter's defaults), so up to 20 process series per node.
    init(nodes: Int, processesPerNode: Int, seed: UInt64 = 1) {
        simulation = FleetSimulation(
            config: FleetConfig(nodeCount: nodes, seed: seed, processesPerNode: processesPerNode, scenario: .default),
            epoch: Self.epoch)
        targets = (0..<nodes).map(SimulatedScrape.target(node:))
    }

    /// Polls every node at `second` and takes the cycle in, as the agent does once a second.
    mutating func poll(second: Int) {
        absorb(cycle(second: second), second: second)
    }

    /// What polling every node at `second` returns, without taking it in.
    func cycle(second: Int) -> ScrapeCycle {
        let timestamp = Timestamp(milliseconds: Self.epoch.milliseconds + Int64(second) * 1000 + Self.pollOffsetMilliseconds)
        let scrapes = targets.enumerated().map { node, target in
            SimulatedScrape.scrape(simulation, node: node, second: second, target: target, at: timestamp)
        }
        return ScrapeCycle(timestamp: timestamp, scrapes: scrapes, configProblems: [], duration: Self.cycleDuration(scrapes))
    }

    /// Takes in a cycle polled at `second`, as the agent does.
    mutating func absorb(_ cycle: ScrapeCycle, second: Int) {
        recent.absorb(cycle)
        self.second = second
    }

    /// Polls every second of `seconds` in order.
    mutating func poll(seconds: Range<Int>) {
        for second in seconds { poll(second: second) }
    }

    /// The dashboard's model after the last poll.
    var model: DashboardModel {
        DashboardModelBuilder.model(recent: recent, interval: .seconds(1), alerts: [], paused: false)
    }

    /// The concurrent polls take as long as the slowest, plus the work of absorbing them
    /// (about 30 µs a node): what the header's "cycle" figure shows.
    static func cycleDuration(_ scrapes: [TargetScrape]) -> Double {
        (scrapes.map(\.duration).max() ?? 0) + Double(scrapes.count) * 30e-6
    }
}
