/// Whether the last scrape of a node worked.
public enum NodeStatus: Hashable, Sendable {
    case up
    /// Down, with why: `connection refused`, `timed out after 800ms`, …
    case down(reason: String)

    public var isUp: Bool { self == .up }
}
