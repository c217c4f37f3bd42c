import Query
import TimeSeries

extension RuleEngine {
    /// Runs one rule and folds its output into the run; a failure is recorded and leaves the
    /// rule's state as it was, as Prometheus does.
    mutating func evaluateRule(group groupIndex: Int, rule ruleIndex: Int, run: inout EvaluationRun, reader: any SeriesReader) {
        let group = groups[groupIndex].group
        let rule = group.rules[ruleIndex]
        let started = MonotonicClock.nanoseconds()
        var seriesCount = 0
        var failed = false
        do {
            let engine = QueryEngine(reader: OverlaySeriesReader(base: reader, produced: run.produced), options: options.query)
            let samples = try RuleEngine.vector(engine.instant(rule.expr, at: run.result.time))
            seriesCount = samples.count
            switch rule {
            case .recording(let recording):
                try record(recording, samples, group: groupIndex, rule: ruleIndex, run: &run)
            case .alerting(let alerting):
                try alert(alerting, samples, group: groupIndex, rule: ruleIndex, run: &run)
            }
        } catch {
            failed = true
            run.result.ruleErrors.append(
                RuleEvaluationError(rule: rule.name, group: group.name, location: rule.location, message: error.message))
        }
        run.result.ruleRuns.append(
            RuleRun(
                rule: rule.name, group: group.name, nanoseconds: MonotonicClock.nanoseconds() - started,
                seriesCount: seriesCount, failed: failed))
    }

    /// A query result as a vector: a scalar is one sample without labels.
    private static func vector(_ value: QueryValue) throws(RuleFailure) -> [VectorSample] {
        switch value {
        case .vector(let samples): return samples
        case .scalar(let time, let value): return [VectorSample(labels: Labels(), t: time, v: value)]
        default: throw RuleFailure("rule result is not a vector or scalar")
        }
    }

    private mutating func record(
        _ rule: RecordingRule, _ samples: [VectorSample], group: Int, rule index: Int, run: inout EvaluationRun
    ) throws(RuleFailure) {
        var output: [Labels] = []
        output.reserveCapacity(samples.count)
        // Query results are distinct label sets; only a name or rule label written over one of
        // their labels can make two coincide, so only then is a table of them needed.
        let mayCoincide = !rule.labels.isEmpty || samples.contains { $0.labels[Labels.metricName] != nil }
        var seen: Set<Labels> = []
        for sample in samples {
            var labels = sample.labels.setting(Labels.metricName, rule.name)
            for label in rule.labels { labels.set(label.name, label.value) }
            if mayCoincide, !seen.insert(labels).inserted {
                throw RuleFailure("vector contains metrics with the same labelset after applying rule labels")
            }
            output.append(labels)
        }
        let limit = groups[group].group.limit
        if limit > 0, output.count > limit { throw RuleFailure("exceeded limit of \(limit) with \(output.count) series") }
        var current: [UInt64: Labels] = [:]
        current.reserveCapacity(output.count)
        for (labels, sample) in zip(output, samples) {
            run.produce(labels, sample.v, alert: false)
            current[labels.fingerprint] = labels
        }
        markStale(group: group, rule: index, current: current, alert: false, run: &run)
    }

    private mutating func alert(
        _ rule: AlertingRule, _ samples: [VectorSample], group: Int, rule index: Int, run: inout EvaluationRun
    ) throws(RuleFailure) {
        let groupState = groups[group]
        var candidates: [AlertingRuleState.Candidate] = []
        candidates.reserveCapacity(samples.count)
        var seen: Set<Labels> = []
        for sample in samples {
            let data = TemplateData(
                labels: sample.labels, value: sample.v, externalLabels: options.externalLabels, externalURL: options.externalURL)
            var labels = sample.labels.removing([Labels.metricName])
            for label in rule.labels {
                labels.set(label.name, render(label, kind: "label", data: data, rule: rule, group: groupState.group, run: &run))
            }
            labels.set("alertname", rule.name)
            // Presorted (the rule keeps them by name), so an annotation that renders empty is
            // kept, as Prometheus keeps it.
            let annotations = Labels(
                presorted: rule.annotations.map { Label($0.name, render($0, kind: "annotation", data: data, rule: rule, group: groupState.group, run: &run)) })
            guard seen.insert(labels).inserted else {
                throw RuleFailure("vector contains metrics with the same labelset after applying alert labels")
            }
            candidates.append(AlertingRuleState.Candidate(labels: labels, annotations: annotations, value: sample.v))
        }
        var state = groupState.rules[index].alerts
        let countBefore = state.alerts.count
        let context = AlertingRuleState.Context(
            holdDuration: rule.holdDuration, keepFiringFor: rule.keepFiringFor, resolvedRetention: options.resolvedRetention,
            generatorURL: groupState.rules[index].generatorURL, ruleName: rule.name, groupName: groupState.group.name)
        let transitions = state.update(with: candidates, at: run.result.time, context)
        let limit = groupState.group.limit
        if limit > 0, state.activeCount > limit {
            let count = state.activeCount
            groups[group].rules[index].alerts = AlertingRuleState()
            run.result.stateChanged = true
            throw RuleFailure("exceeded limit of \(limit) with \(count) alerts")
        }
        let interval = groupState.group.interval ?? options.cycleInterval
        let sent = state.takeAlertsToSend(
            at: run.result.time, resendDelay: options.resendDelay,
            validFor: PromDuration(milliseconds: 4 * max(options.resendDelay.milliseconds, interval.milliseconds)))
        if !transitions.isEmpty || !sent.isEmpty || state.alerts.count != countBefore { run.result.stateChanged = true }
        run.result.transitions += transitions
        run.result.alertsToSend += sent
        groups[group].rules[index].alerts = state
        var current: [UInt64: Labels] = [:]
        for sample in state.seriesSamples(at: run.result.time, ruleLabels: rule.labels, ruleName: rule.name) {
            current[sample.labels.fingerprint] = sample.labels
            run.produce(sample.labels, sample.value, alert: true)
        }
        markStale(group: group, rule: index, current: current, alert: true, run: &run)
    }

    private func render(
        _ label: TemplatedLabel, kind: String, data: TemplateData, rule: AlertingRule, group: RuleGroup, run: inout EvaluationRun
    ) -> String {
        let (text, error) = label.template.render(data)
        if let error {
            run.result.templateErrors.append(
                RuleEvaluationError(
                    rule: rule.name, group: group.name, location: rule.location,
                    message: "\(kind) \"\(label.name)\": \(error.message)"))
        }
        return text
    }

    /// Writes staleness markers for the series the rule wrote last time but not this time.
    private mutating func markStale(group: Int, rule: Int, current: [UInt64: Labels], alert: Bool, run: inout EvaluationRun) {
        let previous = groups[group].rules[rule].previousSeries
        groups[group].rules[rule].previousSeries = current
        // A loop rather than `filter`, which would build a dictionary of thousands of series
        // each cycle to find the few that went away.
        var gone: [Labels] = []
        for (fingerprint, labels) in previous where current[fingerprint] == nil { gone.append(labels) }
        gone.sort(by: Labels.ruleOrder)
        for labels in gone { run.produce(labels, StoredSeries.staleMarker, alert: alert) }
    }
}

/// Why a rule's evaluation failed, in Prometheus's words.
struct RuleFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension Error {
    /// The text a rule error reports.
    var message: String {
        if let failure = self as? RuleFailure { return failure.message }
        if let query = self as? QueryError { return query.description }
        return "\(self)"
    }
}
