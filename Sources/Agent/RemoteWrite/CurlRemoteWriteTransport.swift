public import Probe
public import RemoteWrite
import TimeSeries

/// Adapts the libcurl transport to RemoteWrite's `RemoteWriteTransport`: RemoteWrite stays free
/// of libcurl, and each endpoint's thread keeps its own connection alive across batches.
public enum CurlRemoteWriteTransport {
    /// A transport for one endpoint thread, over its own libcurl handle.
    public static func make(_ curl: CurlTransport = CurlTransport()) -> RemoteWriteTransport {
        { request in
            let endpoint = request.endpoint
            var auth: HTTPAuth?
            switch endpoint.auth {
            case .basic(let username, let password): auth = .basic(username: username, password: Secret(password))
            case .bearer(let token): auth = .bearer(Secret(token))
            case nil: break
            }
            let spec = HTTPRequestSpec(
                key: "remote-write:\(endpoint.remoteName)", url: endpoint.url, method: "POST", headers: request.headers,
                body: request.body, connectTimeout: min(endpoint.timeout, .seconds(10)), timeout: endpoint.timeout,
                maxBodyBytes: 1 << 20, auth: auth,
                tls: TLSOptions(caFile: endpoint.tls.caFile, insecureSkipVerify: endpoint.tls.insecureSkipVerify))
            switch curl.perform([spec])[0] {
            case .success(let response):
                let text = String(decoding: response.body.prefix(512), as: UTF8.self)
                return .status(response.status, body: text.trimmingCharacters(in: .whitespacesAndNewlines))
            case .failure(let error):
                // The reason alone: `error.url` is the full URL, which may carry a key.
                let kind: RemoteWriteOutcome.FailureKind = switch error.kind {
                case .timedOut: .timedOut
                case .connectionRefused, .cannotResolveHost: .connection
                case .tls: .tls
                default: .other
                }
                return .failed(kind, reason: endpoint.scrub(error.reason))
            }
        }
    }
}
