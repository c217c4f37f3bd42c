import TimeSeries

/// `GET /api/v1/alerts` in Prometheus's shape, so tools that read Prometheus read the agent.
public enum AlertsAPIPayload {
    /// `{"status":"success","data":{"alerts":[{labels, annotations, state, activeAt, value,
    /// deliveredTo, refusedBy, queuedFor}]}}` with the pending and firing alerts; `value` is
    /// written as Prometheus writes it (`%e`). `deliveredTo` and `queuedFor` (receiver names) and
    /// `refusedBy` (`{"receiver","status","reason"}` objects), all empty when nothing was sent,
    /// are the agent's own, from `deliveries`; Prometheus clients skip them.
    public static func encoded(_ alerts: [Alert], deliveries: [UInt64: AlertDelivery] = [:]) -> String {
        let items = alerts.filter { $0.state != .inactive }.map { alert in
            let delivery = deliveries[alert.fingerprint] ?? AlertDelivery()
            return JSONObjectText.object([
                ("labels", JSONObjectText.labels(alert.labels)),
                ("annotations", JSONObjectText.labels(alert.annotations)),
                ("state", JSONString.quote(alert.state.rawValue)),
                ("activeAt", JSONString.quote(RFC3339.format(alert.activeAt))),
                ("value", JSONString.quote(GoFloatText.format(alert.value, verb: "e", precision: nil))),
                ("deliveredTo", names(delivery.deliveredTo)),
                ("refusedBy", refusals(delivery.refusedBy)),
                ("queuedFor", names(delivery.queuedFor)),
            ])
        }
        return #"{"status":"success","data":{"alerts":["# + items.joined(separator: ",") + "]}}"
    }

    static func names(_ list: [String]) -> String { "[" + list.map(JSONString.quote).joined(separator: ",") + "]" }

    /// `[{"receiver":"hook","status":400,"reason":"Bad Request"}]`.
    static func refusals(_ list: [DeliveryRefusal]) -> String {
        let objects = list.map { refusal in
            JSONObjectText.object([
                ("receiver", JSONString.quote(refusal.receiver)), ("status", String(refusal.status)),
                ("reason", JSONString.quote(refusal.reason)),
            ])
        }
        return "[" + objects.joined(separator: ",") + "]"
    }
}
