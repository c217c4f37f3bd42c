import Alerting
import Probe
import Synchronization
import TimeSeries

/// Adapts the libcurl transport to Alerting's `DeliveryTransport`: Alerting stays free of
/// libcurl, and deliveries get the same transport and keep-alive as scrapes.
enum CurlDeliveryTransport {
    /// A transport with a libcurl session per outbox key: sends to different receivers run at
    /// once (a session serves one call at a time), and each keeps its connection alive.
    static func make() -> DeliveryTransport {
        let sessions = Mutex<[String: CurlTransport]>([:])
        return { request in
            let curl = sessions.withLock { sessions in
                if let curl = sessions[request.key] { return curl }
                let curl = CurlTransport()
                sessions[request.key] = curl
                return curl
            }
            let endpoint = request.endpoint
            var auth: HTTPAuth?
            if let token = endpoint.bearerToken { auth = .bearer(Secret(token.value)) }
            if let basic = endpoint.basicAuth { auth = .basic(username: basic.username, password: Secret(basic.password.value)) }
            let spec = HTTPRequestSpec(
                key: "delivery:\(request.key)", url: endpoint.url.value, method: "POST",
                headers: [("Content-Type", request.contentType)] + endpoint.headers.map { ($0.name, $0.value.value) },
                body: request.body, connectTimeout: min(endpoint.timeout, .seconds(5)), timeout: endpoint.timeout,
                maxBodyBytes: 1 << 20, auth: auth)
            switch curl.perform([spec])[0] {
            case .success(let response): return .status(response.status)
            case .failure(let error):
                // The reason alone: `error.url` is the full URL, which may carry a key.
                return .failed(reason: EndpointText.scrub(error.reason, removing: request.endpoint.secrets))
            }
        }
    }
}
