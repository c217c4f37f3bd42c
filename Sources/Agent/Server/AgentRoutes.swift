/// The agent's endpoints.
public enum AgentRoutes {
    public static func router(_ runtime: AgentRuntime) -> AgentHTTPServer.Router {
        { method, path, _ in
            guard method == "GET" || method == "HEAD" else {
                return AgentHTTPServer.Response(status: 405, contentType: "text/plain; charset=utf-8", body: "only GET\n")
            }
            switch path {
            case "/metrics":
                return AgentHTTPServer.Response(
                    status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: runtime.metrics.render())
            case "/api/v1/alerts":
                return AgentHTTPServer.Response(
                    status: 200, contentType: "application/json", body: runtime.alertsJSON())
            case "/-/healthy":
                return AgentHTTPServer.Response(status: 200, contentType: "text/plain; charset=utf-8", body: "OK\n")
            default:
                return .notFound(path)
            }
        }
    }
}
