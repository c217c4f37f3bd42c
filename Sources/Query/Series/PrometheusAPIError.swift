/// Why reading from a Prometheus-compatible source failed: which source, and what to do.
///
/// The source is named by its URL without credentials; tokens and passwords never reach it.
public struct PrometheusAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the terms a user acts on.
    public enum Kind: Sendable, Equatable {
        /// Nothing answered at the address (refused, unknown host, TLS failure).
        case unreachable
        /// The source did not answer in time.
        case timedOut
        /// 401 or 403: the credentials are missing or wrong.
        case unauthorized(status: Int)
        /// Something answered, but not a Prometheus HTTP API (HTML, not JSON, or 404 on the API).
        case notPrometheus
        /// The source refused the query (`bad_data`, 400, 422): its own message is the reason.
        case rejected
        /// The source could not evaluate it, usually for its size (`execution`, 422, 503 `too many`).
        case tooLarge
        /// Any other error status or error answer.
        case failed
        /// Reading the credentials for the source failed.
        case credentials
    }

    public var kind: Kind
    /// The source's URL, without any user:password part.
    public var source: String
    /// What happened and what to check.
    public var reason: String

    public init(kind: Kind, source: String, reason: String) {
        self.kind = kind
        self.source = source
        self.reason = reason
    }

    /// `source URL: reason`.
    public var description: String { "source \(source): \(reason)" }
}
