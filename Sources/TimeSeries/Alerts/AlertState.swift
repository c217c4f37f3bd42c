/// Where an alert is in its lifecycle, as Prometheus names the states: what the rule engine
/// keeps (and saves as JSON by these raw values) and what the dashboard's alerts panel shows.
public enum AlertState: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Not active: never was, or resolved (then the alert's `resolvedAt` is set).
    case inactive
    /// The condition holds, but not yet for the rule's `for`.
    case pending
    /// The condition has held for `for` (or is kept firing by `keep_firing_for`).
    case firing

    private var rank: Int {
        switch self {
        case .inactive: 0
        case .pending: 1
        case .firing: 2
        }
    }

    /// Inactive before pending before firing.
    public static func < (lhs: AlertState, rhs: AlertState) -> Bool { lhs.rank < rhs.rank }
}
