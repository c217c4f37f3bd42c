/// Why one target's scrape failed, naming the target URL and what to check.
public struct ScrapeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case transport(TransportError.Kind)
        case httpStatus(Int)
        /// The body was not a valid exposition; the position is inside the body.
        case parse(ExpositionParseError)
        case credentials
        /// The body broke one of the target's limits, or its job outnumbered `target_limit`.
        case limitExceeded(ScrapeLimit)
    }

    public var kind: Kind
    /// The target URL, without any credentials.
    public var url: String
    public var reason: String

    public init(kind: Kind, url: String, reason: String) {
        self.kind = kind
        self.url = url
        self.reason = reason
    }

    /// `URL: reason`, or `URL:line:column: message` for a body that did not parse.
    public var description: String {
        if case .parse(let error) = kind { return "\(url):\(error.line):\(error.column): \(error.message)" }
        return "\(url): \(reason)"
    }
}
