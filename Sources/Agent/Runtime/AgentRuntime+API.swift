public import Alerting
public import History

extension AgentRuntime {
    /// The open history, for the HTTP API's reads of recent windows from memory; nil while the
    /// history is not open.
    public var apiStore: HistoryStore? { state.withLock { $0.store } }

    /// The rules in force and the alerts the engine holds, for `/api/v1/rules`; nil when the
    /// agent runs no rules.
    public var ruleStatus: (rules: RuleSet, alerts: [Alert])? {
        guard let stage = alerting.withLock({ $0 }) else { return nil }
        return stage.state.withLock { ($0.engine.rules, $0.engine.alerts) }
    }
}
