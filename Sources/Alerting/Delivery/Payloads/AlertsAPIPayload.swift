import TimeSeries

/// `GET /api/v1/alerts` in Prometheus's shape, so tools that read Prometheus read the agent.
public enum AlertsAPIPayload {
    /// `{"status":"success","data":{"alerts":[{labels, annotations, state, activeAt, value}]}}`
    /// with the pending and firing alerts; `value` is written as Prometheus writes it (`%e`).
    public static func encoded(_ alerts: [Alert]) -> String {
        let items = alerts.filter { $0.state != .inactive }.map { alert in
            JSONObjectText.object([
                ("labels", JSONObjectText.labels(alert.labels)),
                ("annotations", JSONObjectText.labels(alert.annotations)),
                ("state", JSONString.quote(alert.state.rawValue)),
                ("activeAt", JSONString.quote(RFC3339.format(alert.activeAt))),
                ("value", JSONString.quote(GoFloatText.format(alert.value, verb: "e", precision: nil))),
            ])
        }
        return #"{"status":"success","data":{"alerts":["# + items.joined(separator: ",") + "]}}"
    }
}
