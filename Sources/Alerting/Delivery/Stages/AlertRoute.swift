public import TimeSeries

/// The first stage: which alerts a receiver gets, by `match` (equality) and `match_re`
/// (fully anchored regular expressions). A receiver without matchers gets every alert; an
/// alert goes to every receiver that matches it.
public struct AlertRoute: Sendable, Equatable {
    public var matchers: [LabelMatcher]

    public init(matchers: [LabelMatcher] = []) { self.matchers = matchers }

    public func matches(_ labels: Labels) -> Bool { matchers.allSatisfy { $0.matches(labels) } }

    /// The matchers as Alertmanager writes a route in a `groupKey`: `{name=~"chat.*",severity="page"}`,
    /// sorted by name, then value, as Alertmanager sorts a route's matchers, so the order they
    /// are written in backlog.yml does not change the key.
    public var keyText: String {
        let sorted = matchers.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
        return "{" + sorted.map(\.description).joined(separator: ",") + "}"
    }
}
