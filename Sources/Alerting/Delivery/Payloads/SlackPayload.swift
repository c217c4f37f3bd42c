import TimeSeries

/// A Slack incoming-webhook message: one readable summary of a group notification.
public enum SlackPayload {
    /// Labels worth showing on a line of their own, when an alert has them.
    static let keyLabels = ["severity", "instance", "job", "name", "pid"]

    /// `{"text": …}` with the status, each alert's name, key labels and annotations.
    public static func encoded(receiver: String, group: AlertGroup) -> [UInt8] {
        let firing = group.firing
        let resolved = group.resolved
        var lines: [String] = []
        let names = Set((firing + resolved).map(\.name)).sorted().joined(separator: ", ")
        if !firing.isEmpty { lines.append("*[FIRING:\(firing.count)]* \(names)") } else { lines.append("*[RESOLVED]* \(names)") }
        for alert in firing + resolved {
            let state = alert.state == .firing ? "firing" : "resolved"
            let shown = keyLabels.compactMap { name in alert.labels[name].map { "\(name)=\($0)" } }
            lines.append("• \(alert.name) (\(state)) \(shown.joined(separator: " "))")
            for annotation in alert.annotations where ["summary", "description"].contains(annotation.name) {
                lines.append("    \(annotation.value)")
            }
        }
        return Array(JSONObjectText.object([("text", JSONString.quote(lines.joined(separator: "\n")))]).utf8)
    }
}
