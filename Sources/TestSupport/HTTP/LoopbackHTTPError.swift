/// Why a hand-made HTTP exchange over `LoopbackConnection` failed.
public enum LoopbackHTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `connect` failed with this errno (`ECONNREFUSED` when nothing listens).
    case connectFailed(errno: Int32)
    case sendFailed(errno: Int32)
    case receiveFailed(errno: Int32)
    /// The peer closed (or reset) the connection before a whole response arrived.
    case closedByPeer
    case timedOut
    case malformedResponse(String)

    public var description: String {
        switch self {
        case .connectFailed(let code): "connect failed (errno \(code))"
        case .sendFailed(let code): "send failed (errno \(code))"
        case .receiveFailed(let code): "receive failed (errno \(code))"
        case .closedByPeer: "connection closed by peer"
        case .timedOut: "timed out"
        case .malformedResponse(let why): "malformed response: \(why)"
        }
    }
}
