extension AgentRuntime {
    /// `/api/v1/alerts` in Prometheus's shape; empty until rules are configured.
    func alertsJSON() -> String {
        #"{"status":"success","data":{"alerts":[]}}"#
    }
}
