import TimeSeries

/// One POST a receiver should get.
public struct DeliveryRequest: Sendable {
    /// The outbox key, which also names the connection to keep alive.
    public var key: String
    public var endpoint: DeliveryEndpoint
    public var body: [UInt8]
    public var contentType: String

    public init(key: String, endpoint: DeliveryEndpoint, body: [UInt8], contentType: String = "application/json") {
        self.key = key
        self.endpoint = endpoint
        self.body = body
        self.contentType = contentType
    }
}

/// What came of one POST.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The receiver answered with this status.
    case status(Int)
    /// No answer: refused, unreachable, timed out, TLS failed. `reason` must not carry secrets.
    case failed(reason: String)
}

/// Sends one request and returns what came of it. Called from several threads at once, one
/// receiver's request each, so a receiver that hangs holds back none of the others. Alerting owns
/// no HTTP client: the agent adapts its libcurl transport to this.
public typealias DeliveryTransport = @Sendable (DeliveryRequest) -> DeliveryOutcome
