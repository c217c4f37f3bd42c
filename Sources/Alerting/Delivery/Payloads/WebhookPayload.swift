import TimeSeries

/// Alertmanager's webhook message, version 4, so receivers written for Alertmanager work
/// unchanged: https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
public struct WebhookPayload: Sendable {
    public var receiver: String
    public var group: AlertGroup
    public var externalURL: String
    /// Most alerts to include; 0 means all.
    public var maxAlerts: Int

    public init(receiver: String, group: AlertGroup, externalURL: String, maxAlerts: Int = 0) {
        self.receiver = receiver
        self.group = group
        self.externalURL = externalURL
        self.maxAlerts = maxAlerts
    }

    /// The alerts the body lists: firing first, then resolved, cut at `maxAlerts`.
    public var shown: [Alert] {
        let all = group.firing + group.resolved
        return maxAlerts > 0 ? Array(all.prefix(maxAlerts)) : all
    }

    /// The JSON body, fields in Alertmanager's order.
    public func encoded() -> [UInt8] {
        let all = group.firing + group.resolved
        let alerts = shown
        let status = all.contains { $0.state == .firing } ? "firing" : "resolved"
        let text = JSONObjectText.object([
            ("receiver", JSONString.quote(receiver)),
            ("status", JSONString.quote(status)),
            ("alerts", "[" + alerts.map(WebhookPayload.alert).joined(separator: ",") + "]"),
            ("groupLabels", JSONObjectText.labels(group.groupLabels)),
            ("commonLabels", JSONObjectText.labels(JSONObjectText.common(all.map(\.labels)))),
            ("commonAnnotations", JSONObjectText.labels(JSONObjectText.common(all.map(\.annotations)))),
            ("externalURL", JSONString.quote(externalURL)),
            ("version", JSONString.quote("4")),
            ("groupKey", JSONString.quote(group.key)),
            ("truncatedAlerts", String(all.count - alerts.count)),
        ])
        return Array(text.utf8)
    }

    static func alert(_ alert: Alert) -> String {
        JSONObjectText.object([
            ("status", JSONString.quote(alert.state == .firing ? "firing" : "resolved")),
            ("labels", JSONObjectText.labels(alert.labels)),
            ("annotations", JSONObjectText.labels(alert.annotations)),
            ("startsAt", JSONString.quote(RFC3339.format(alert.activeAt))),
            ("endsAt", JSONString.quote(alert.state == .firing ? RFC3339.zero : alert.resolvedAt.map(RFC3339.format) ?? RFC3339.zero)),
            ("generatorURL", JSONString.quote(alert.generatorURL)),
            ("fingerprint", JSONString.quote(alert.labels.fingerprintText)),
        ])
    }
}
