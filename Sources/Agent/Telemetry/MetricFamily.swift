/// One family on `/metrics`: its name, type and help, declared once (`MetricFamily+Agent`) and
/// used by name wherever the agent reports it, so adding a figure is one declaration.
public struct MetricFamily: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case counter, gauge
    }

    public let name: String
    public let kind: Kind
    public let help: String

    init(_ name: String, _ kind: Kind, _ help: String) {
        self.name = name
        self.kind = kind
        self.help = help
    }
}
