public import TimeSeries

/// What to do with an outbox item after an attempt.
public enum DeliveryDecision: Sendable, Equatable {
    /// Accepted (2xx): remove it.
    case delivered
    /// Worth trying again (5xx, 429, timeouts, connection errors) after `after`.
    case retry(after: PromDuration, reason: String)
    /// Refused for good (other 4xx, or a receiver no longer configured): remove and report it.
    case drop(reason: String)
}

/// The retry stage: classifies outcomes and spaces retries with exponential backoff and jitter,
/// capped so a receiver that comes back is reached within `cap`.
public struct RetryPolicy: Sendable, Equatable {
    public var initial: PromDuration
    public var cap: PromDuration

    public init(initial: PromDuration = .millis(500), cap: PromDuration = .seconds(60)) {
        self.initial = initial
        self.cap = cap
    }

    /// Decides after attempt number `attempt` (1 for the first); `jitter` in 0..<1 spreads
    /// retries between half and all of the backoff, so receivers are not hit in lockstep.
    public func decide(_ outcome: DeliveryOutcome, attempt: Int, jitter: Double) -> DeliveryDecision {
        switch outcome {
        case .status(let code) where (200..<300).contains(code):
            return .delivered
        case .status(let code) where code == 429 || code >= 500:
            return .retry(after: backoff(attempt: attempt, jitter: jitter), reason: "HTTP \(code)")
        case .status(let code):
            return .drop(reason: "HTTP \(code)")
        case .failed(let reason):
            return .retry(after: backoff(attempt: attempt, jitter: jitter), reason: reason)
        }
    }

    /// initial × 2^(attempt−1), capped, then scaled into [½, 1] by `jitter`.
    public func backoff(attempt: Int, jitter: Double) -> PromDuration {
        let exponent = min(max(attempt - 1, 0), 30)
        let full = min(Double(initial.milliseconds) * Double(1 << exponent), Double(cap.milliseconds))
        return PromDuration(milliseconds: Int64(full * (0.5 + 0.5 * min(max(jitter, 0), 1))))
    }
}
