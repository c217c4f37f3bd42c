/// Performs many HTTP requests at once over one libcurl multi handle, from the calling thread.
///
/// Connections are kept per request key and reused on the next call (keep-alive across cycles).
public final class CurlTransport: @unchecked Sendable {
    public init() {}

    /// Runs every request concurrently and returns one result per request, in order.
    public func perform(_ requests: [HTTPRequestSpec]) -> [Result<HTTPResponse, TransportError>] {
        requests.map { .failure(TransportError(kind: .other, url: $0.url, reason: "not implemented")) }
    }
}
