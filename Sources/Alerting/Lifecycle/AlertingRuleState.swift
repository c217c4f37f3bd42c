import TimeSeries

/// The alerts of one alerting rule, keyed by their labels, and Prometheus's lifecycle over
/// them: inactive → pending → firing after `for`, `keep_firing_for`, resolved alerts kept
/// (and re-sent) for a while. A value driven only by the times it is given, so tests need no
/// clock and no sleeping.
struct AlertingRuleState: Sendable {
    private(set) var alerts: [Labels: Alert] = [:]
    /// The alerts in a stable order: this evaluation's series in result order, then the rest
    /// (kept firing, or resolved) by labels. Outputs follow it, so a rule with thousands of
    /// alerts is not sorted every cycle.
    private(set) var order: [Labels] = []

    /// One series of the rule's expression, already turned into alert labels and annotations.
    struct Candidate {
        var labels: Labels
        var annotations: Labels
        var value: Double
    }

    /// Settings the lifecycle needs from the rule and the engine.
    struct Context {
        var holdDuration: PromDuration
        var keepFiringFor: PromDuration
        var resolvedRetention: PromDuration
        var generatorURL: String
        var ruleName: String
        var groupName: String
    }

    /// Adds an alert as it was saved, for restoring state.
    mutating func restore(_ alert: Alert) {
        if alerts.updateValue(alert, forKey: alert.labels) == nil { order.append(alert.labels) }
    }

    /// Applies one evaluation's series at `time` (no two with the same labels) and returns the
    /// alerts whose state changed, in label order.
    mutating func update(with candidates: [Candidate], at time: Timestamp, _ context: Context) -> [AlertTransition] {
        var transitions: [AlertTransition] = []
        var current: Set<Labels> = []
        current.reserveCapacity(candidates.count)
        var newOrder: [Labels] = []
        newOrder.reserveCapacity(candidates.count)
        for candidate in candidates {
            current.insert(candidate.labels)
            newOrder.append(candidate.labels)
            var alert: Alert
            let before: AlertState
            if let existing = alerts[candidate.labels], existing.state != .inactive {
                alert = existing
                before = existing.state
                alert.value = candidate.value
                alert.annotations = candidate.annotations
                alert.keepFiringSince = nil
            } else {
                // New, or back after being resolved: a resolved alert is replaced, not revived.
                alert = Alert(
                    labels: candidate.labels, annotations: candidate.annotations, state: .pending, value: candidate.value,
                    activeAt: time, generatorURL: context.generatorURL, ruleName: context.ruleName, groupName: context.groupName)
                before = .inactive
            }
            if alert.state == .pending, time - alert.activeAt >= context.holdDuration {
                alert.state = .firing
                alert.firedAt = time
            }
            if alert.state != before { transitions.append(AlertTransition(alert: alert, from: before, to: alert.state)) }
            alerts[candidate.labels] = alert
        }
        // Alerts whose series is gone this time; usually few, so sorting them is cheap.
        let gone = alerts.keys.filter { !current.contains($0) }.sorted(by: Labels.ruleOrder)
        for key in gone {
            guard var alert = alerts[key] else { continue }
            var keepFiring = false
            if alert.state == .firing, context.keepFiringFor.milliseconds > 0 {
                let since = alert.keepFiringSince ?? time
                alert.keepFiringSince = since
                keepFiring = time - since < context.keepFiringFor
            }
            if alert.state == .pending || alert.resolvedAt.map({ time - $0 > context.resolvedRetention }) == true {
                if alert.state == .pending {
                    alert.state = .inactive
                    transitions.append(AlertTransition(alert: alert, from: .pending, to: .inactive))
                }
                alerts[key] = nil
                continue
            }
            if alert.state != .inactive, !keepFiring {
                transitions.append(AlertTransition(alert: alert.resolved(at: time), from: alert.state, to: .inactive))
                alert = alert.resolved(at: time)
            }
            alerts[key] = alert
            newOrder.append(key)
        }
        order = newOrder
        return transitions.sorted { Labels.ruleOrder($0.alert.labels, $1.alert.labels) }
    }

    /// Alerts pending or firing (including those kept firing), which `limit` counts and which
    /// get `ALERTS` series.
    var activeCount: Int { alerts.values.count { $0.state != .inactive } }

    /// Marks the alerts delivery should get now as sent and returns them, in label order.
    mutating func takeAlertsToSend(at time: Timestamp, resendDelay: PromDuration, validFor: PromDuration) -> [Alert] {
        var out: [Alert] = []
        for key in order {
            guard var alert = alerts[key], alert.needsSending(at: time, resendDelay: resendDelay) else { continue }
            alert.lastSentAt = time
            alert.validUntil = time + validFor
            alerts[key] = alert
            out.append(alert)
        }
        return out.sorted { Labels.ruleOrder($0.labels, $1.labels) }
    }

    /// `ALERTS` and `ALERTS_FOR_STATE` samples for the active alerts, as Prometheus writes them:
    /// the rule's raw labels under the alert's, the metric name, and `alertstate` on `ALERTS`;
    /// `ALERTS_FOR_STATE` holds `activeAt` in whole Unix seconds.
    func seriesSamples(at time: Timestamp, ruleLabels: [TemplatedLabel], ruleName: String) -> [Sample] {
        var out: [Sample] = []
        for key in order {
            guard let alert = alerts[key], alert.state != .inactive else { continue }
            var base = Labels(ruleLabels.map { Label($0.name, $0.template.source) })
            for label in alert.labels { base.set(label.name, label.value) }
            base.set("alertname", ruleName)
            var alertsLabels = base.setting(Labels.metricName, "ALERTS")
            alertsLabels.set("alertstate", alert.state.rawValue)
            out.append(Sample(labels: alertsLabels, value: 1, timestamp: time))
            let seconds = alert.activeAt.milliseconds >= 0 ? alert.activeAt.milliseconds / 1000 : (alert.activeAt.milliseconds - 999) / 1000
            out.append(Sample(labels: base.setting(Labels.metricName, "ALERTS_FOR_STATE"), value: Double(seconds), timestamp: time))
        }
        return out
    }
}

extension Labels {
    /// Prometheus's order of label sets: label by label, name then value; a prefix first.
    static func ruleOrder(_ lhs: Labels, _ rhs: Labels) -> Bool {
        for (left, right) in zip(lhs, rhs) where left != right {
            return left.name != right.name ? left.name < right.name : left.value < right.value
        }
        return lhs.count < rhs.count
    }
}
