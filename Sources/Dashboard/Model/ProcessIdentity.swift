/// Which process a backlog belongs to: the node it runs on, its pid, and its registered name if any.
public struct ProcessIdentity: Hashable, Sendable {
    public var node: String
    public var pid: String
    /// The registered name, or empty for an anonymous process.
    public var name: String

    public init(node: String, pid: String, name: String = "") {
        self.node = node
        self.pid = pid
        self.name = name
    }

    /// The registered name when there is one, the pid otherwise.
    public var displayName: String { name.isEmpty ? pid : name }
}
