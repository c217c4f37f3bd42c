public import TimeSeries

/// What one evaluation produced: alerts for delivery, series for the store, and how each rule
/// fared.
public struct EvaluationResult: Sendable {
    public var time: Timestamp
    /// Alerts to deliver now: newly firing, newly resolved, and re-sends (every `resendDelay`
    /// while firing, and while resolved ones are retained). The sink got exactly these.
    public var alertsToSend: [Alert] = []
    /// Alerts whose state changed: became pending, fired, resolved, or stopped pending.
    public var transitions: [AlertTransition] = []
    /// Recording rules' output, and staleness markers for series they stopped producing.
    public var recordedSamples: [Sample] = []
    /// `ALERTS` and `ALERTS_FOR_STATE`, and staleness markers for alerts that ended.
    public var alertSamples: [Sample] = []
    /// Rules whose query failed (or broke a limit); the other rules still ran.
    public var ruleErrors: [RuleEvaluationError] = []
    /// Templates that failed while rendering; the alert carries Prometheus's error text.
    public var templateErrors: [RuleEvaluationError] = []
    /// Every rule that ran, with how long it took.
    public var ruleRuns: [RuleRun] = []
    /// Groups that were due and ran.
    public var evaluatedGroups: [String] = []
    /// Each group that ran, with how long it took on the caller's clock.
    public var groupRuns: [GroupRun] = []
    /// Whether alert state changed in a way worth persisting (not mere value updates).
    public var stateChanged = false

    public init(time: Timestamp) { self.time = time }

    /// Everything for the store, recorded series first.
    public var samples: [Sample] { recordedSamples + alertSamples }
}

/// A rule that could not be evaluated, or a template that failed, and where the rule is.
public struct RuleEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var rule: String
    public var group: String
    public var location: SourceLocation
    public var message: String

    public init(rule: String, group: String, location: SourceLocation, message: String) {
        self.rule = rule
        self.group = group
        self.location = location
        self.message = message
    }

    /// `file:line:column: group "g", rule "r": message`.
    public var description: String { "\(location): group \"\(group)\", rule \"\(rule)\": \(message)" }
}

/// One group's evaluation and how long it took, on the clock the caller passed.
public struct GroupRun: Sendable, Equatable {
    public var key: RuleGroupKey
    public var duration: PromDuration

    public init(key: RuleGroupKey, duration: PromDuration) {
        self.key = key
        self.duration = duration
    }
}

/// One rule's evaluation: how long it took and how many series it returned.
public struct RuleRun: Sendable, Equatable {
    public var rule: String
    public var group: String
    public var nanoseconds: UInt64
    public var seriesCount: Int
    public var failed: Bool
}
