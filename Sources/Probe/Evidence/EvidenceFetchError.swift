/// Why `/process` gave no evidence, in words that say what to do.
public enum EvidenceFetchError: Error, Sendable, CustomStringConvertible {
    /// The node did not answer at all.
    case unreachable(target: String, TransportError)
    /// The exporter predates `/process` (a plain 404 for the path).
    case noEndpoint(target: String)
    /// The process has exited, never existed, or no process has that name.
    case noProcess(target: String, process: ProcessSelector, nodeSays: String)
    /// The node refused the request: a malformed pid (400), or `/process` not enabled (403).
    case refused(target: String, status: Int, nodeSays: String)
    /// Any other answer.
    case unexpected(target: String, status: Int, body: String)

    public var description: String {
        switch self {
        case .unreachable(let target, let error):
            "\(target) does not answer: \(error.reason)"
        case .noEndpoint(let target):
            "\(target)'s exporter has no /process endpoint: update it (exporters/erlang)"
        case .noProcess(let target, .pid(let pid), let nodeSays) where nodeSays.hasPrefix("no process"):
            "no process \(pid) on \(target): it may have exited"
        case .noProcess(let target, .name(let name), let nodeSays) where nodeSays.hasPrefix("no process"):
            "no process registered as \(name) on \(target)"
        case .noProcess(let target, _, let nodeSays):
            "\(target): \(nodeSays)"
        case .refused(let target, _, let nodeSays):
            "\(target): \(nodeSays)"
        case .unexpected(let target, let status, let body):
            "\(target) answered HTTP \(status) for /process\(body.isEmpty ? "" : ": \(body)")"
        }
    }
}
