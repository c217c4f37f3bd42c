public import TimeSeries

/// The body of `POST /api/v2/alerts`: the alerts as Prometheus sends them to Alertmanager.
public enum AlertmanagerPayload {
    /// A JSON array of `{labels, annotations, startsAt, endsAt, generatorURL}`. A firing alert
    /// ends when this post stops being valid — `validity` from `time`, or the engine's later
    /// `validUntil` for a rule group evaluated less often — so Alertmanager resolves it by itself
    /// if the agent goes away; a resolved one ends when it resolved.
    public static func encoded(_ alerts: [Alert], at time: Timestamp, validity: PromDuration) -> [UInt8] {
        let items = alerts.map { alert in
            let endsAt = alert.state == .firing ? max(alert.validUntil ?? time, time + validity) : (alert.resolvedAt ?? time)
            return JSONObjectText.object([
                ("labels", JSONObjectText.labels(alert.labels)),
                ("annotations", JSONObjectText.labels(alert.annotations)),
                ("startsAt", JSONString.quote(RFC3339.format(alert.activeAt))),
                ("endsAt", JSONString.quote(RFC3339.format(endsAt))),
                ("generatorURL", JSONString.quote(alert.generatorURL)),
            ])
        }
        return Array(("[" + items.joined(separator: ",") + "]").utf8)
    }
}
