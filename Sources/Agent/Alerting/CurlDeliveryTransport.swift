import Alerting
import Probe
import TimeSeries

/// Adapts the libcurl transport to Alerting's `DeliveryTransport`: Alerting stays free of
/// libcurl, and deliveries get the same concurrent multi loop and keep-alive as scrapes.
enum CurlDeliveryTransport {
    static func make(_ curl: CurlTransport = CurlTransport()) -> DeliveryTransport {
        { requests in
            let specs = requests.map { request in
                let endpoint = request.endpoint
                var auth: HTTPAuth?
                if let token = endpoint.bearerToken { auth = .bearer(Secret(token.value)) }
                if let basic = endpoint.basicAuth { auth = .basic(username: basic.username, password: Secret(basic.password.value)) }
                return HTTPRequestSpec(
                    key: "delivery:\(request.key)", url: endpoint.url.value, method: "POST",
                    headers: [("Content-Type", request.contentType)] + endpoint.headers.map { ($0.name, $0.value.value) },
                    body: request.body, connectTimeout: min(endpoint.timeout, .seconds(5)), timeout: endpoint.timeout,
                    maxBodyBytes: 1 << 20, auth: auth)
            }
            return zip(requests, curl.perform(specs)).map { request, result in
                switch result {
                case .success(let response): return .status(response.status)
                case .failure(let error):
                    // The reason alone: `error.url` is the full URL, which may carry a key.
                    return .failed(reason: EndpointText.scrub(error.reason, removing: request.endpoint.secrets))
                }
            }
        }
    }
}
