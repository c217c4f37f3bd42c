/// Why attaching to a node, or stopping what was attached, failed: each says what to do next.
/// Never holds a cookie.
public enum AttachError: Error, Equatable, CustomStringConvertible {
    case badNodeName(String)
    case badOption(String)
    case erlMissing
    case cookieUnreadable(path: String, reason: String)
    case exporterSourceMissing(searched: [String])
    case compileFailed(source: String, output: String)
    case beamUnreadable(path: String)
    /// epmd on the node's host did not answer.
    case hostUnreachable(node: String, host: String)
    /// epmd answered, without the node.
    case unknownNode(node: String, known: [String])
    /// The node is registered but refused the connection: most often another cookie.
    case connectionRefused(node: String, cookieFile: String)
    case otpTooOld(node: String, nodeRelease: Int, beamRelease: Int)
    case loadFailed(node: String, reason: String)
    case startFailed(node: String, reason: String)
    /// The node runs the exporter as an OTP application, which would restart it.
    case ownedByApplication(node: String)
    case hiddenNodeFailed(output: String)

    public var description: String {
        switch self {
        case .badNodeName(let text):
            "\"\(text)\" is not an Erlang node name: write it as name@host, like chat1@db3 or chat1@10.0.0.7"
        case .badOption(let key):
            "--option \(key)=…: an exporter option is a lowercase name such as top_k or scan_interval_ms"
        case .erlMissing:
            "erl is not installed on this machine: backlog attach starts a hidden Erlang node to reach the target (apt-get install erlang-nox)"
        case .cookieUnreadable(let path, let reason):
            "cannot read the cookie file \(path): \(reason); give the node's cookie with --cookie-file FILE (a file only you can read)"
        case .exporterSourceMissing(let searched):
            "cannot find the exporter to load (looked for \(searched.joined(separator: ", "))); give a compiled one with --beam FILE"
        case .compileFailed(let source, let output):
            "erlc could not compile \(source): \(output)"
        case .beamUnreadable(let path):
            "cannot read the beam \(path)"
        case .hostUnreachable(let node, let host):
            "cannot reach \(node): epmd on \(host) (port 4369) does not answer; check the host name and that the node runs"
        case .unknownNode(let node, let known):
            known.isEmpty
                ? "no node \(node) is running: epmd on its host knows no nodes"
                : "no node \(node) is running: epmd on its host knows \(known.joined(separator: ", "))"
        case .connectionRefused(let node, let cookieFile):
            "\(node) is running but refused the connection: the cookie in \(cookieFile) is probably not its cookie (give the node's own with --cookie-file), or it runs with another kind of name (short or long)"
        case .otpTooOld(let node, let nodeRelease, let beamRelease):
            "\(node) runs OTP \(nodeRelease), older than OTP \(beamRelease) that compiled the exporter: compile it with OTP \(nodeRelease) or older and pass --beam FILE"
        case .loadFailed(let node, let reason):
            "\(node) refused to load the exporter: \(reason)"
        case .startFailed(let node, let reason):
            "the exporter loaded on \(node) but did not start: \(reason)"
        case .ownedByApplication(let node):
            "on \(node) the exporter runs as the backlog_exporter application, which would restart it: stop it there with application:stop(backlog_exporter)"
        case .hiddenNodeFailed(let output):
            "the hidden Erlang node backlog starts failed: \(output)"
        }
    }
}
