public import TimeSeries

/// What restoring saved alert state did.
public struct RestoreReport: Sendable, Equatable {
    /// Alerts put back under rules that still exist.
    public var restored: Int = 0
    /// Saved alerts of rules that no longer exist (or changed), dropped.
    public var droppedForUnknownRules: Int = 0
    /// Pending alerts dropped because the state was older than the outage tolerance; their
    /// `for` timers start again.
    public var droppedPending: Int = 0
    /// Why saved state was ignored, when it was (a corrupt file, for one).
    public var problem: String?

    public init(restored: Int = 0, droppedForUnknownRules: Int = 0, droppedPending: Int = 0, problem: String? = nil) {
        self.restored = restored
        self.droppedForUnknownRules = droppedForUnknownRules
        self.droppedPending = droppedPending
        self.problem = problem
    }
}

extension RuleEngine {
    /// The alert state to persist.
    public func snapshot(at time: Timestamp) -> AlertStateSnapshot {
        var rules: [AlertStateSnapshot.SavedRule] = []
        for group in groups {
            for rule in group.rules where !rule.alerts.alerts.isEmpty {
                let alerts = rule.alerts.alerts.keys.sorted(by: Labels.ruleOrder).compactMap { rule.alerts.alerts[$0] }
                rules.append(AlertStateSnapshot.SavedRule(rule: rule.identity.description, alerts: alerts.map(RuleEngine.saved)))
            }
        }
        return AlertStateSnapshot(savedAt: time.milliseconds, rules: rules)
    }

    /// Puts saved alerts back under the rules that still exist, with their `activeAt`,
    /// `firedAt` and sent times: a pending alert keeps counting towards `for`, and a firing
    /// one stays firing without being announced again (it is re-sent only when `resendDelay`
    /// has passed since it was last sent, as any firing alert is).
    public mutating func restore(_ snapshot: AlertStateSnapshot, at time: Timestamp) -> RestoreReport {
        var report = RestoreReport()
        let stale = time.milliseconds - snapshot.savedAt > options.outageTolerance.milliseconds
        var saved: [String: [AlertStateSnapshot.SavedAlert]] = [:]
        for rule in snapshot.rules { saved[rule.rule, default: []] += rule.alerts }
        for groupIndex in groups.indices {
            for ruleIndex in groups[groupIndex].rules.indices {
                let state = groups[groupIndex].rules[ruleIndex]
                guard let alerts = saved.removeValue(forKey: state.identity.description) else { continue }
                let group = groups[groupIndex].group
                for savedAlert in alerts {
                    if stale, savedAlert.state == .pending {
                        report.droppedPending += 1
                        continue
                    }
                    if let resolvedAt = savedAlert.resolvedAt, time.milliseconds - resolvedAt > options.resolvedRetention.milliseconds {
                        continue
                    }
                    let alert = RuleEngine.alert(
                        savedAlert, generatorURL: state.generatorURL, rule: group.rules[ruleIndex].name, group: group.name)
                    groups[groupIndex].rules[ruleIndex].alerts.restore(alert)
                    report.restored += 1
                }
            }
        }
        report.droppedForUnknownRules = saved.values.reduce(0) { $0 + $1.count }
        return report
    }

    /// Loads and restores saved state; a missing file restores nothing, and a corrupt one is
    /// reported in the result and otherwise ignored.
    public mutating func restore(from persistence: any AlertStatePersistence, at time: Timestamp) -> RestoreReport {
        do {
            guard let snapshot = try persistence.load() else { return RestoreReport() }
            return restore(snapshot, at: time)
        } catch {
            return RestoreReport(problem: error.description)
        }
    }

    private static func saved(_ alert: Alert) -> AlertStateSnapshot.SavedAlert {
        AlertStateSnapshot.SavedAlert(
            labels: dictionary(alert.labels), annotations: dictionary(alert.annotations), state: alert.state, value: alert.value,
            activeAt: alert.activeAt.milliseconds, firedAt: alert.firedAt?.milliseconds, resolvedAt: alert.resolvedAt?.milliseconds,
            lastSentAt: alert.lastSentAt?.milliseconds, validUntil: alert.validUntil?.milliseconds,
            keepFiringSince: alert.keepFiringSince?.milliseconds)
    }

    private static func alert(_ saved: AlertStateSnapshot.SavedAlert, generatorURL: String, rule: String, group: String) -> Alert {
        func time(_ milliseconds: Int64?) -> Timestamp? { milliseconds.map(Timestamp.init(milliseconds:)) }
        return Alert(
            labels: Labels(saved.labels), annotations: Labels(saved.annotations), state: saved.state, value: saved.value,
            activeAt: Timestamp(milliseconds: saved.activeAt), firedAt: time(saved.firedAt), resolvedAt: time(saved.resolvedAt),
            lastSentAt: time(saved.lastSentAt), validUntil: time(saved.validUntil), keepFiringSince: time(saved.keepFiringSince),
            generatorURL: generatorURL, ruleName: rule, groupName: group)
    }

    private static func dictionary(_ labels: Labels) -> [String: String] {
        Dictionary(labels.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }
}
