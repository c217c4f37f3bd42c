/// Why a request failed, in words a user can act on. Never includes credentials.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case connectionRefused
        case cannotResolveHost
        case timedOut
        case bodyTooLarge
        case tls
        case decoding
        case invalidURL
        case other
    }

    public var kind: Kind
    /// The URL, with any user:password part removed.
    public var url: String
    public var reason: String
    /// Seconds from start to failure.
    public var duration: Double

    public init(kind: Kind, url: String, reason: String, duration: Double = 0) {
        self.kind = kind
        self.url = url
        self.reason = reason
        self.duration = duration
    }

    public var description: String { "\(url): \(reason)" }
}
