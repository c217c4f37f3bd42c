/// How much of a rectangle one part of a split takes.
public enum LayoutConstraint: Hashable, Sendable {
    /// Exactly this many cells (fewer if the space runs out).
    case fixed(Int)
    /// This share of the whole, rounded down.
    case percentage(Int)
    /// At least this many cells, plus an equal share of whatever the other parts leave.
    case min(Int)
}
