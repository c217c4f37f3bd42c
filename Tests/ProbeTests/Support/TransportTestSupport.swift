import Probe
import TestSupport
import TimeSeries

/// Runs one transport call on a thread of its own, as the scrape loop does.
func perform(_ transport: CurlTransport, _ requests: [HTTPRequestSpec]) async -> [Result<HTTPResponse, TransportError>] {
    await BlockingWork.run { transport.perform(requests) }
}

/// A GET with short timeouts, as a scrape would make.
func scrape(
    _ url: String, key: String? = nil, timeout: PromDuration = .seconds(2), maxBodyBytes: Int = HTTPRequestSpec.defaultMaxBodyBytes,
    headers: [(String, String)] = [], auth: HTTPAuth? = nil, tls: TLSOptions = TLSOptions()
) -> HTTPRequestSpec {
    HTTPRequestSpec(
        key: key, url: url, headers: headers, connectTimeout: .millis(1000), timeout: timeout,
        maxBodyBytes: maxBodyBytes, auth: auth, tls: tls)
}

extension Result where Success == HTTPResponse, Failure == TransportError {
    var response: HTTPResponse? { try? get() }

    var error: TransportError? {
        if case .failure(let error) = self { return error }
        return nil
    }

    /// The body as text, for the responses tests expect.
    var text: String? { response.map { String(decoding: $0.body, as: UTF8.self) } }
}

/// The healthy target every failure test scrapes alongside its bad one.
let healthyBody = "up 1\n"
