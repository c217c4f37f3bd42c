/// Everything the dashboard shows for one moment, as the agent fills it in after each poll cycle.
/// Plain values: views read it and never change it, so it can be handed across threads freely.
public struct DashboardModel: Hashable, Sendable {
    public var header: FleetHeader
    /// The backlog most likely to become the bottleneck next, or nil when nothing stands out.
    public var bottleneck: Bottleneck?
    /// Every process the agent tracks fleet-wide, in the agent's ranking order (most urgent first).
    /// Views pick the rows they show; the model holds them all.
    public var processes: [ProcessRow]
    public var nodes: [NodeRow]
    public var alerts: [AlertRow]

    public init(header: FleetHeader, bottleneck: Bottleneck? = nil, processes: [ProcessRow] = [], nodes: [NodeRow] = [],
                alerts: [AlertRow] = []) {
        self.header = header
        self.bottleneck = bottleneck
        self.processes = processes
        self.nodes = nodes
        self.alerts = alerts
    }

    /// A model with nothing in it yet, for the first frame before the first cycle lands.
    public static let empty = DashboardModel(header: FleetHeader())
}
