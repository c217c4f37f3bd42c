/// What makes a rule the same rule across reloads and restarts: its file, group, kind, name,
/// expression, labels and `for`. Prometheus keeps an alerting rule's state when these match; an
/// annotation edit keeps it too, since annotations do not identify alerts.
public struct RuleIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var group: String
    public var isAlerting: Bool
    public var name: String
    public var expr: String
    /// `name=value` of each rule label, sorted.
    public var labels: [String]
    /// `for`, in milliseconds.
    public var holdMilliseconds: Int64

    public init(group: String, file: String, rule: Rule) {
        self.file = file
        self.group = group
        name = rule.name
        expr = rule.expr.text
        switch rule {
        case .alerting(let alerting):
            isAlerting = true
            labels = alerting.labels.map { "\($0.name)=\($0.template.source)" }
            holdMilliseconds = alerting.holdDuration.milliseconds
        case .recording(let recording):
            isAlerting = false
            labels = recording.labels.map { "\($0.name)=\($0.value)" }
            holdMilliseconds = 0
        }
    }

    /// `group/name {labels} for 5m: expr`, also the key under which alert state is saved.
    public var description: String {
        let labelText = labels.isEmpty ? "" : " {" + labels.joined(separator: ", ") + "}"
        let kind = isAlerting ? "alert" : "record"
        return "\(file)#\(group)/\(kind) \(name)\(labelText) for \(holdMilliseconds)ms: \(expr)"
    }
}
