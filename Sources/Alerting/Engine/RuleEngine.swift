public import Query
public import TimeSeries

/// Evaluates rule groups right after each poll cycle lands and keeps their alerts' state.
///
/// A value type driven by the times it is given: `evaluate(at:reader:)` is the whole clock,
/// so tests step through minutes of alert lifecycle without sleeping. The agent owns one,
/// calls `evaluate` after each cycle, stores the returned samples, and persists the state when
/// it changed.
public struct RuleEngine: Sendable {
    public internal(set) var rules: RuleSet
    public var options: RuleEngineOptions
    /// Gets the alerts to deliver after each evaluation that has any.
    public var sink: AlertSink?
    var groups: [GroupState]
    /// Series of rules removed by a reload, marked stale at the next evaluation.
    var orphanedSeries: [Labels] = []
    var lastStateMark: Timestamp?

    /// A group's rules and when the group last ran.
    struct GroupState: Sendable {
        var group: RuleGroup
        var lastEvaluatedAt: Timestamp?
        var rules: [RuleState]
    }

    /// One rule's state: its alerts, and the series it wrote last time (for staleness markers).
    struct RuleState: Sendable {
        var identity: RuleIdentity
        var generatorURL: String
        var alerts = AlertingRuleState()
        /// By fingerprint, so checking thousands of recorded series each cycle hashes numbers.
        var previousSeries: [UInt64: Labels] = [:]
    }

    public init(rules: RuleSet, options: RuleEngineOptions = RuleEngineOptions(), sink: AlertSink? = nil) {
        self.rules = rules
        self.options = options
        self.sink = sink
        groups = rules.groups.map { RuleEngine.freshState(for: $0, options: options) }
    }

    static func freshState(for group: RuleGroup, options: RuleEngineOptions) -> GroupState {
        GroupState(
            group: group, lastEvaluatedAt: nil,
            rules: group.rules.map { rule in
                RuleState(
                    identity: RuleIdentity(group: group.name, file: group.file, rule: rule),
                    generatorURL: GeneratorURL.make(externalURL: options.externalURL, expr: rule.expr.text))
            })
    }

    /// Evaluates every group that is due at `time` over `reader`, in file and group order, and
    /// hands the alerts to send to the sink. A rule whose query fails is reported in the result
    /// and the other rules still run.
    ///
    /// `groups` picks the groups this call may run (the agent leaves out those it runs off the
    /// poll path, see `GroupSchedule`); `now` times each group, from the caller's clock, so a
    /// test's manual clock decides what counts as slow.
    public mutating func evaluate(
        at time: Timestamp, reader: any SeriesReader, groups included: (RuleGroupKey) -> Bool = { _ in true },
        now: () -> Timestamp = Timestamp.now
    ) -> EvaluationResult {
        var run = EvaluationRun(time: time)
        for labels in orphanedSeries { run.produce(labels, StoredSeries.staleMarker, alert: labels.name == "ALERTS" || labels.name == "ALERTS_FOR_STATE") }
        if !orphanedSeries.isEmpty { run.result.stateChanged = true }
        orphanedSeries = []
        for index in groups.indices where included(groups[index].group.key) && isDue(groups[index], at: time) {
            let started = now()
            groups[index].lastEvaluatedAt = time
            run.result.evaluatedGroups.append(groups[index].group.name)
            for ruleIndex in groups[index].rules.indices {
                evaluateRule(group: index, rule: ruleIndex, run: &run, reader: reader)
            }
            run.result.groupRuns.append(GroupRun(key: groups[index].group.key, duration: now() - started))
        }
        var result = run.result
        let anyActive = groups.contains { $0.rules.contains { !$0.alerts.alerts.isEmpty } }
        if anyActive, lastStateMark.map({ time - $0 >= options.stateHeartbeat }) ?? true { result.stateChanged = true }
        if result.stateChanged { lastStateMark = time }
        if !result.alertsToSend.isEmpty { sink?(result.alertsToSend) }
        return result
    }

    /// Every alert the engine holds (pending, firing, and resolved ones still retained), in
    /// group, rule and label order.
    public var alerts: [Alert] {
        groups.flatMap { group in
            group.rules.flatMap { rule in rule.alerts.alerts.keys.sorted(by: Labels.ruleOrder).compactMap { rule.alerts.alerts[$0] } }
        }
    }

    /// A group runs on the first evaluation, then once its interval has passed; without an
    /// interval, on every evaluation. A twentieth of the interval is forgiven so a cycle that
    /// lands a few milliseconds early does not skip a whole cycle.
    func isDue(_ state: GroupState, at time: Timestamp) -> Bool {
        guard let interval = state.group.interval, let last = state.lastEvaluatedAt else { return true }
        let slack = interval.milliseconds / 20
        return (time - last).milliseconds >= interval.milliseconds - slack
    }

    /// What one evaluation has produced so far, which later rules read through the overlay.
    struct EvaluationRun {
        var result: EvaluationResult
        /// Samples by metric name; the overlay turns them into series only when a rule asks.
        var produced: [String: [Sample]] = [:]

        init(time: Timestamp) { result = EvaluationResult(time: time) }

        mutating func produce(_ labels: Labels, _ value: Double, alert: Bool) {
            let sample = Sample(labels: labels, value: value, timestamp: result.time)
            if alert { result.alertSamples.append(sample) } else { result.recordedSamples.append(sample) }
            produced[labels.name, default: []].append(sample)
        }
    }
}
