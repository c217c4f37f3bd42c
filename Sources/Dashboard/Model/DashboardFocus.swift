/// Which table of the fleet view the arrow keys move the selection in.
public enum DashboardFocus: String, Hashable, Sendable, CaseIterable {
    case processes
    case nodes
    case alerts
}
