/// Why a fleet server could not start, in words a user can act on.
public enum FleetServerError: Error, Sendable, CustomStringConvertible {
    case invalidConfig(FleetConfigError)
    /// Another program already listens on the port a node needs.
    case portInUse(host: String, port: Int, node: String)
    /// The process may not open another socket: every node needs one, plus one per connection.
    case outOfFileDescriptors(port: Int, node: String)
    case cannotBind(host: String, port: Int, node: String, reason: String)
    case alreadyStarted

    public var description: String {
        switch self {
        case .invalidConfig(let error):
            error.description
        case .portInUse(let host, let port, let node):
            "port \(port) on \(host) is already in use (needed by node \(node))"
        case .outOfFileDescriptors(let port, let node):
            "ran out of file descriptors opening port \(port) for node \(node); raise the limit (ulimit -n) or run fewer nodes"
        case .cannotBind(let host, let port, let node, let reason):
            "cannot listen on \(host):\(port) for node \(node): \(reason)"
        case .alreadyStarted:
            "the fleet server was already started"
        }
    }
}
