/// A named story the simulated fleet tells; `backlog fleet --scenario NAME` picks one.
///
/// Nodes are numbered from 1 in names (`chat1@127.0.0.1`) and from 0 in the API.
public enum FleetScenario: String, CaseIterable, Sendable {
    /// A few minutes of a chat back end, repeating every 180 s (offsets are seconds into the cycle):
    /// - always: steady traffic; most mailboxes hold 0–50 messages, and some sessions and services
    ///   burst to a few hundred that drain within ~15 s.
    /// - 5 s: `chat_router` on chat3 gets stuck in `gen:do_call/4` and its mailbox grows ~150/s
    ///   (≈3,750 at 30 s, ≈8,250 at 60 s, past 10,000 at 72 s, ≈24,000 at 165 s): the next
    ///   bottleneck. It stays over 10,000 long enough for the shipped `ErlangProcessBacklog`
    ///   rule (`for: 1m`) to page at ~133 s.
    /// - 20 s: chat4's distribution link to chat6 backs up at 64 KiB/s: busy (1 MiB queued, every
    ///   sender to chat6 suspended) from 36 s to 150 s, so the shipped `ErlangDistributionLinkBusy`
    ///   rule pages at ~96 s; it drains by 160 s.
    /// - 30 s: chat2's run queue starts climbing ~1 every 2 s (≈60 by 150 s), schedulers near 100%.
    /// - 60 s: chat5 goes down: its port refuses connections and open connections are closed.
    /// - 90 s: chat5 comes back on the same port.
    /// - 150 s: chat2's run queue falls back to normal by 165 s.
    /// - 165 s: `chat_router` recovers and drains its backlog to nothing by 175 s; it is under
    ///   10,000 from 171 s, so the page resolves.
    /// Nodes that do not exist (fewer than 5) simply skip their part of the story.
    case `default`
    /// Throughput for pollers: 2,000 nodes by default, each body exactly 200 series (174 process
    /// series, the largest of which always stay the largest, plus 26 VM series), every value
    /// changing every second; no outages, no incidents.
    case load
    /// Series churn for the series budget: every node's exported processes are all new processes
    /// each second (fresh pids, never repeated), `FleetConfig.newSeriesPerSecond` of them (50,000 by
    /// default), so a poller sees that many new series a second; 1 node by default. Run it beside a
    /// `default` fleet to watch steady targets keep being stored.
    case churn

    /// Looks a scenario up by its command-line name.
    public init(named name: String) throws(FleetConfigError) {
        guard let scenario = FleetScenario(rawValue: name) else {
            throw .unknownScenario(name, known: FleetScenario.allCases.map(\.rawValue))
        }
        self = scenario
    }

    /// How many nodes the scenario runs when the caller does not say.
    public var defaultNodeCount: Int {
        switch self {
        case .default: 10
        case .load: 2000
        case .churn: 1
        }
    }

    /// The exporter settings the scenario's nodes use; `newSeriesPerSecond` sizes the churn scenario's bodies.
    public func exportLimits(newSeriesPerSecond: Int) -> ExportLimits {
        switch self {
        case .default: .exporterDefaults
        case .load:
            ExportLimits(topK: Self.loadProcessSeries, floor: 1000, maxSeries: Self.loadProcessSeries)
        case .churn:
            ExportLimits(topK: newSeriesPerSecond, floor: 1000, maxSeries: newSeriesPerSecond)
        }
    }

    /// The timeline as `backlog fleet --help` prints it.
    public var timeline: String {
        switch self {
        case .default:
            """
            default: a chat back end over 3 minutes, repeating (seconds into each cycle):
              always   steady traffic: most mailboxes 0-50, bursts to a few hundred
                       that drain within ~15 s
              5 s      chat_router on chat3 blocks in gen:do_call/4, mailbox grows ~150/s
                       (past 10,000 at 72 s, ~24,000 at 165 s): the next bottleneck
              20 s     chat4's distribution link to chat6 backs up, busy from 36 s
              30 s     chat2's run queue climbs ~1 every 2 s (~60 at 150 s)
              60 s     chat5 goes down (connection refused)
              90 s     chat5 comes back on the same port
              ~96 s    the ErlangDistributionLinkBusy page fires (busy for 1m)
              ~133 s   the ErlangProcessBacklog page fires (over 10,000 for 1m)
              150 s    chat2's run queue falls back to normal by 165 s; chat4's link
                       to chat6 drains (the page resolves), empty by 160 s
              165 s    chat_router recovers; under 10,000 from 171 s (the page
                       resolves), empty again by 175 s
            """
        case .load:
            """
            load: 2,000 nodes by default, each body exactly 200 series (174 processes
              + 26 VM series), every value changing every second; no incidents
            """
        case .churn:
            """
            churn: 1 node by default; every second all its exported processes are new
              always   --new-series-per-second new pids (default 50,000) that never
                       repeat, plus 26 VM series; last second's pids are gone
              run it beside a default fleet: history.max_series refuses this
              node's new series, not the default nodes'
            """
        }
    }

    /// Whether the nodes serve what only the default scenario needs: `/process`, the info series
    /// (`current_function`, `status`) and reductions rates of exported processes, and per-type
    /// queue aggregates. The load and churn bodies keep the
    /// exact series counts the benchmarks are sized by.
    public var servesProcessDetail: Bool { self == .default }

    /// Whether the nodes serve their distribution links (`erlang_vm_dist_*`, by `peer`): only the
    /// default scenario, for the same reason.
    public var servesDistribution: Bool { self == .default }

    /// Process series per load body, so that with the VM series a body holds exactly 200.
    static let loadProcessSeries = 200 - NodeExposition.vmSeriesCount
}
