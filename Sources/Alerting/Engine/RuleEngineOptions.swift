public import Query
public import TimeSeries

/// How the rule engine evaluates and when it re-sends, Prometheus's defaults unless changed.
public struct RuleEngineOptions: Sendable {
    public var query: QueryOptions
    /// Firing alerts are handed to delivery again this often (`--rules.alert.resend-delay`).
    public var resendDelay: PromDuration
    /// A resolved alert is kept, and re-sent as resolved, this long.
    public var resolvedRetention: PromDuration
    /// The poll cycle: rules without a group interval run this often. With `resendDelay` it
    /// sets how long a send stays valid (`validUntil`).
    public var cycleInterval: PromDuration
    /// Persisted state older than this restores firing and resolved alerts but not pending
    /// ones, whose `for` timers start again (Prometheus's `--rules.alert.for-outage-tolerance`).
    public var outageTolerance: PromDuration
    /// While alerts are active, the state counts as changed at least this often, so a saved
    /// state file says how recently the agent ran.
    public var stateHeartbeat: PromDuration
    /// `$externalLabels` in templates.
    public var externalLabels: Labels
    /// Where the agent's pages live, for `generatorURL` and `$externalURL`.
    public var externalURL: String

    public init(
        query: QueryOptions = QueryOptions(), resendDelay: PromDuration = .seconds(60),
        resolvedRetention: PromDuration = .seconds(15 * 60), cycleInterval: PromDuration = .seconds(1),
        outageTolerance: PromDuration = .seconds(3600), stateHeartbeat: PromDuration = .seconds(60),
        externalLabels: Labels = Labels(), externalURL: String = ""
    ) {
        self.query = query
        self.resendDelay = resendDelay
        self.resolvedRetention = resolvedRetention
        self.cycleInterval = cycleInterval
        self.outageTolerance = outageTolerance
        self.stateHeartbeat = stateHeartbeat
        self.externalLabels = externalLabels
        self.externalURL = externalURL
    }
}
