import TimeSeries

/// A Slack incoming-webhook message: one readable summary of a group notification.
public enum SlackPayload {
    /// Labels worth showing on a line of their own, when an alert has them.
    static let keyLabels = ["severity", "instance", "job", "name", "pid"]

    /// `{"text": …}` with the status, each alert's name, key labels and annotations, and for an
    /// alert carrying a process's evidence its verdict and innermost frames.
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
            lines += evidence(alert)
        }
        return Array(JSONObjectText.object([("text", JSONString.quote(lines.joined(separator: "\n")))]).utf8)
    }

    /// `verdict: stuck — waiting at 3 reductions/s, …` and up to `EvidenceAnnotation.slackFrames`
    /// frames, when the alert carries evidence.
    static func evidence(_ alert: Alert) -> [String] {
        var lines: [String] = []
        if let verdict = alert.annotations[EvidenceAnnotation.verdict] {
            let reason = alert.annotations[EvidenceAnnotation.verdictReason].map { " — \($0)" } ?? ""
            lines.append("    verdict: \(verdict)\(reason)")
        }
        if let stack = alert.annotations[EvidenceAnnotation.stacktrace] {
            let frames = stack.split(separator: "\n")
            lines += frames.prefix(EvidenceAnnotation.slackFrames).map { "    at \($0)" }
            if frames.count > EvidenceAnnotation.slackFrames { lines.append("    … \(frames.count - EvidenceAnnotation.slackFrames) more frames") }
        }
        return lines
    }
}
