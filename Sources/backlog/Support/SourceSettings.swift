import Foundation
import Probe
import Query
import TimeSeries

/// A Prometheus-compatible source and how to reach it, from the command line or `source:` in backlog.yml.
struct SourceSettings: Sendable {
    /// As given: a base URL (`http://vm:8428`, `https://thanos/prefix`) or `host:port`.
    var url: String
    var credentials: CredentialSource?
    var tls: TLSOptions
    var timeout: PromDuration

    /// The base URL, with a scheme and without a trailing `/` (nor a pasted `/api/v1/...`).
    var baseURL: String {
        var url = url.contains("://") ? url : "http://\(url)"
        if let api = url.range(of: "/api/v1") { url = String(url[..<api.lowerBound]) }
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// The URL for messages: no `user:password@`.
    var shownURL: String { URLRedaction.removingUserInfo(from: baseURL) }

    /// A client that performs each request with the source's credentials and TLS settings over
    /// Probe's libcurl transport, as `backlog scrape` fetches targets.
    func api() -> PrometheusAPI {
        let transport = CurlTransport()
        let base = baseURL
        let shown = shownURL
        let settings = self
        return PrometheusAPI(source: shown) { (request: PrometheusAPIRequest) throws(PrometheusAPIError) -> PrometheusAPIResponse in
            let auth = try settings.auth()
            let spec = HTTPRequestSpec(
                key: base, url: base + request.target, headers: [("Accept", "application/json")],
                connectTimeout: .seconds(min(5, max(1, settings.timeout.milliseconds / 1000))), timeout: settings.timeout,
                auth: auth, tls: settings.tls)
            switch transport.perform([spec])[0] {
            case .success(let response):
                return PrometheusAPIResponse(status: response.status, contentType: response.contentType, body: response.body)
            case .failure(let error):
                throw Self.failure(error, source: shown)
            }
        }
    }

    /// The transport's failure in the source's terms.
    static func failure(_ error: TransportError, source: String) -> PrometheusAPIError {
        switch error.kind {
        case .connectionRefused:
            return PrometheusAPIError(
                kind: .unreachable, source: source, reason: "connection refused — is the store running and listening at that address?")
        case .timedOut:
            return PrometheusAPIError(kind: .timedOut, source: source, reason: "\(error.reason) — raise --source-timeout, or query less")
        case .bodyTooLarge:
            return PrometheusAPIError(kind: .tooLarge, source: source, reason: "\(error.reason) — narrow the selector or shorten the range")
        default:
            return PrometheusAPIError(kind: .unreachable, source: source, reason: error.reason)
        }
    }

    /// Reads the secret now, so a rotated token file is picked up on the next request.
    func auth() throws(PrometheusAPIError) -> HTTPAuth? {
        switch credentials {
        case nil: return nil
        case .bearerTokenFile(let path): return .bearer(try secret(.file(path), what: "bearer token file"))
        case .bearerTokenEnvironment(let name): return .bearer(try secret(.environment(name), what: "bearer token"))
        case .basic(let username, let password): return .basic(username: username, password: try secret(password, what: "basic auth password"))
        }
    }

    private func secret(_ source: SecretSource, what: String) throws(PrometheusAPIError) -> Secret {
        switch source {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
            else {
                throw PrometheusAPIError(
                    kind: .credentials, source: shownURL,
                    reason: "cannot read the \(what) \(path) — check that the file exists, is readable and is not empty")
            }
            return Secret(text)
        case .environment(let name):
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw PrometheusAPIError(kind: .credentials, source: shownURL, reason: "\(what): environment variable \(name) is not set or empty")
            }
            return Secret(value)
        }
    }
}
