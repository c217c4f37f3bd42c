/// Which view fills the screen.
public enum DashboardMode: Hashable, Sendable {
    case fleet
    /// One node's processes and health history (Enter on a node).
    case node(String)
}
