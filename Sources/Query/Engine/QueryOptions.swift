public import TimeSeries

/// Settings of an engine, Prometheus's defaults unless changed.
public struct QueryOptions: Sendable {
    /// How far back an instant selector looks for the latest sample; older series are stale.
    public var lookbackDelta: PromDuration
    /// The step of subqueries written without one, such as `rate(x[5m])[1h:]`; Prometheus uses
    /// its global evaluation interval.
    public var defaultSubqueryStep: PromDuration

    public init(lookbackDelta: PromDuration = .seconds(300), defaultSubqueryStep: PromDuration = .seconds(60)) {
        self.lookbackDelta = lookbackDelta
        self.defaultSubqueryStep = defaultSubqueryStep
    }
}
