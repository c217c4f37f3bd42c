/// Where an alert is in its lifecycle, as Prometheus names the states.
public enum AlertState: String, Hashable, Sendable, CaseIterable {
    case inactive
    /// The condition holds but not yet for the rule's `for` duration.
    case pending
    case firing
}
