public import TimeSeries

/// One POST to a remote-write receiver, for whatever HTTP client the agent hands in.
public struct RemoteWriteRequest: Sendable {
    public var endpoint: RemoteWriteEndpoint
    /// Protocol headers first, then the endpoint's own.
    public var headers: [(String, String)]
    public var body: [UInt8]
}

/// What came of one request.
public enum RemoteWriteOutcome: Sendable, Equatable {
    /// The receiver answered with this status (and the start of its body, for the log).
    case status(Int, body: String)
    /// No answer: why, in words without credentials.
    case failed(FailureKind, reason: String)

    /// Kinds of failure without an HTTP answer.
    public enum FailureKind: Sendable, Equatable {
        case timedOut, connection, tls, other
    }
}

/// Sends one request and waits for its outcome; called from the endpoint's own thread.
public typealias RemoteWriteTransport = @Sendable (RemoteWriteRequest) -> RemoteWriteOutcome

/// What to do with a batch after an attempt, as Prometheus decides it.
public enum RetryDecision: Sendable, Equatable {
    /// 2xx: the receiver has it; move on.
    case sent
    /// 5xx, 429, timeouts and connection (and TLS) failures: try the same batch again after a backoff.
    case retry
    /// Any other status (4xx but 429): the receiver will never take it; drop and count it.
    case drop

    public init(_ outcome: RemoteWriteOutcome) {
        switch outcome {
        case .status(let code, _):
            switch code {
            case 200..<300: self = .sent
            case 429, 500..<600: self = .retry
            default: self = .drop
            }
        case .failed:
            self = .retry
        }
    }
}

/// Exponential backoff between retries of one batch: doubles from `min` up to `max`.
public struct Backoff: Sendable, Equatable {
    public let min: PromDuration
    public let max: PromDuration
    public private(set) var next: PromDuration

    public init(min: PromDuration, max: PromDuration) {
        self.min = min
        self.max = max
        next = min
    }

    /// The wait before the next attempt; each call doubles the following one, up to `max`.
    public mutating func step() -> PromDuration {
        let wait = next
        next = PromDuration(milliseconds: Swift.min(max.milliseconds, Swift.max(1, next.milliseconds * 2)))
        return wait
    }

    public mutating func reset() { next = min }
}
