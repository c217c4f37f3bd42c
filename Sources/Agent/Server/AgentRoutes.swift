import Foundation
import History
import TimeSeries

/// The agent's routes and the web setup (TLS) the server needs to serve them.
public struct AgentRouter: Sendable {
    /// The `web:` section in force when the server started; TLS is set up from it once.
    public let web: WebConfig
    /// Answers one request.
    public let handle: AgentHTTPServer.RequestRouter
}

/// The agent's endpoints: its own `/metrics`, the Prometheus HTTP API over its history,
/// `/federate`, and the health checks, behind basic auth when `web.basic_auth_users` is set.
public enum AgentRoutes {
    /// The routes over a runtime. The users allowed in are read from the config at each request,
    /// so a reload applies to the next one.
    public static func router(_ runtime: AgentRuntime) -> AgentRouter {
        let targets = TargetTracker()
        runtime.observeCycles { targets.record($0) }
        let api = PrometheusAPI(runtime: runtime, targets: targets)
        let auth = BasicAuth()
        return AgentRouter(web: runtime.config.web) { request in
            let users = runtime.config.web.basicAuthUsers
            if !users.isEmpty, !auth.allows(request.header("Authorization"), users: users) {
                return AgentHTTPServer.Response(
                    status: 401, contentType: text, body: "Unauthorized\n", headers: [("WWW-Authenticate", "Basic")])
            }
            do throws(APIError) { return try route(request, runtime: runtime, api: api) } catch { return APIResponse.failure(error) }
        }
    }

    static let text = "text/plain; charset=utf-8"

    /// Methods each path takes, as Prometheus registers them.
    static let readOnly: Set<String> = ["GET", "HEAD"]
    static let form: Set<String> = ["GET", "HEAD", "POST"]

    static func route(_ request: AgentHTTPServer.Request, runtime: AgentRuntime, api: PrometheusAPI) throws(APIError) -> AgentHTTPServer.Response {
        let path = request.path
        let parameters = APIParameters(request)
        if path.hasPrefix("/api/v1/label/"), path.hasSuffix("/values") {
            try allow(request, readOnly)
            let encoded = path.dropFirst("/api/v1/label/".count).dropLast("/values".count)
            return try api.labelValues(encoded.removingPercentEncoding ?? String(encoded), parameters)
        }
        switch path {
        case "/metrics":
            try allow(request, readOnly)
            return AgentHTTPServer.Response(status: 200, contentType: Federation.contentType, body: runtime.metrics.render())
        case "/federate":
            try allow(request, readOnly)
            let store = runtime.apiStore
            let file = store == nil ? HistoryConnection(path: runtime.config.historyPath) : nil
            defer { file?.close() }
            guard let history = store.map({ $0 as any HistoryReading }) ?? file?.reader else {
                return AgentHTTPServer.Response(status: 200, contentType: Federation.contentType, body: "")
            }
            let body: String
            do { body = try Federation.render(selectors: parameters.all("match[]"), history: history, now: Timestamp.now()) } catch {
                return AgentHTTPServer.Response(status: error.status, contentType: text, body: error.message + "\n")
            }
            return AgentHTTPServer.Response(status: 200, contentType: Federation.contentType, body: body)
        case "/-/healthy":
            try allow(request, readOnly)
            return AgentHTTPServer.Response(status: 200, contentType: text, body: "OK\n")
        case "/-/ready":
            try allow(request, readOnly)
            return runtime.apiStore == nil
                ? AgentHTTPServer.Response(status: 503, contentType: text, body: "history not open yet\n")
                : AgentHTTPServer.Response(status: 200, contentType: text, body: "OK\n")
        case "/api/v1/alerts":
            try allow(request, readOnly)
            return AgentHTTPServer.Response(status: 200, contentType: APIResponse.contentType, body: runtime.alertsJSON())
        case "/api/v1/query":
            try allow(request, form)
            return try api.query(parameters)
        case "/api/v1/query_range":
            try allow(request, form)
            return try api.queryRange(parameters)
        case "/api/v1/query_exemplars":
            try allow(request, form)
            return try api.exemplars(parameters)
        case "/api/v1/series":
            try allow(request, form)
            return try api.series(parameters)
        case "/api/v1/labels":
            try allow(request, form)
            return try api.labelNames(parameters)
        case "/api/v1/metadata":
            try allow(request, readOnly)
            return try api.metadata(parameters)
        case "/api/v1/rules":
            try allow(request, readOnly)
            return try api.rulesStatus(parameters)
        case "/api/v1/targets":
            try allow(request, readOnly)
            return api.targetsStatus(parameters)
        case "/api/v1/status/buildinfo":
            try allow(request, readOnly)
            return api.buildInfo()
        default:
            return .notFound(path)
        }
    }

    /// Refuses a method the path does not take, with 405.
    static func allow(_ request: AgentHTTPServer.Request, _ methods: Set<String>) throws(APIError) {
        guard methods.contains(request.method) else {
            throw APIError(type: "bad_data", message: "method \(request.method) not allowed; use \(methods.sorted().joined(separator: " or "))", status: 405)
        }
    }
}
