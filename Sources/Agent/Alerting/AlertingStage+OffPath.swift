import Alerting
import History
import Logging
import TimeSeries

/// Rule groups evaluated off the poll path, each on a thread of its own (`GroupSchedule`).
///
/// A group starts after a cycle is stored and reads the history as of that cycle: its
/// evaluation time is the cycle's timestamp. It evaluates a copy of its state taken from the
/// engine (`RuleEngine.detach`), so the poll path's evaluations never wait for it; when done, it
/// puts the state back (`rejoin`) and hands its result to the poll path, which stores its
/// samples (stamped with that evaluation time) with the next cycle, and dispatches its alerts
/// and saves its state with everyone's.
extension AlertingStage {
    /// Starts the groups off the path that are due at the cycle stamped `time`, and counts the
    /// iterations missed by those still evaluating.
    func startDueGroups(at time: Timestamp) {
        let tick = state.withLock { $0.schedule.cycleLanded(at: time) }
        if !tick.missed.isEmpty {
            metrics.update { figures in
                for key in tick.missed { figures.add(.ruleGroupIterationsMissed, labels: AlertingStage.labels(key)) }
            }
        }
        for key in tick.start { runner(for: key).run(at: time) }
    }

    /// The group's thread, made on first use.
    private func runner(for key: RuleGroupKey) -> ScheduledGroupRunner {
        runners.withLock { runners in
            if let runner = runners[key] { return runner }
            let runner = ScheduledGroupRunner(key: key) { [weak self] time in self?.evaluateOffPath(key, at: time) }
            runners[key] = runner
            return runner
        }
    }

    /// One evaluation of a group off the path, on its thread.
    private func evaluateOffPath(_ key: RuleGroupKey, at time: Timestamp) {
        guard let store = history(), var group = state.withLock({ $0.engine.detach(key) }) else {
            state.withLock { $0.schedule.finished(key) }
            return
        }
        let spans = groupSpans.withLock { spans in
            if let kept = spans[key] { return kept }
            let made = SelectionSpans()
            spans[key] = made
            return made
        }
        let started = clock.now()
        let result = group.evaluate(at: time, reader: reader(store, spans), now: clock.now)
        let duration = clock.now() - started
        let joined = state.withLock { state in
            let joined = state.engine.rejoin(group)
            if joined { state.handedBack.append(result) }
            state.schedule.finished(key)
            return joined
        }
        for error in result.ruleErrors { logger.warning("rule failed", metadata: ["error": "\(error.description)"]) }
        let errors = ruleErrors.withLock { $0 += result.ruleErrors.count; return $0 }
        metrics.update { figures in
            figures.set(.ruleErrors, Double(errors))
            AlertingStage.record(GroupRun(key: key, duration: duration), at: time, in: &figures)
        }
        if !joined {
            logger.info("rule group changed while it was evaluated; its results are dropped", metadata: [
                "group": "\(key.name)", "file": "\(key.file)",
            ])
        }
    }

    /// After a reload: the threads of groups no longer off the path end after their evaluation
    /// in flight, and `/metrics` shows the groups now in force.
    func scheduleChanged() {
        let offPath = Set(state.withLock { $0.schedule.offPathGroups })
        let retired = runners.withLock { runners in
            let gone = runners.filter { !offPath.contains($0.key) }
            for key in gone.keys { runners[key] = nil }
            return Array(gone.values)
        }
        for runner in retired { runner.retire() }
        groupSpans.withLock { spans in spans = spans.filter { offPath.contains($0.key) } }
        showGroups()
    }

    /// Ends every group's thread after its evaluation in flight, then stores what they handed
    /// back, so a stop loses none of it.
    func stopGroups() {
        let all = runners.withLock { runners in
            defer { runners = [:] }
            return Array(runners.values)
        }
        for runner in all { runner.stop() }
        let handedBack = state.withLock { state in
            defer { state.handedBack = [] }
            return state.handedBack
        }
        guard !handedBack.isEmpty, let store = history() else { return }
        storeRuleSamples(handedBack.flatMap(\.samples), store: store, at: clock.now())
    }

    /// Every group's interval and place on `/metrics`, and no figures for groups gone.
    func showGroups() {
        let (groups, schedule) = state.withLock { ($0.engine.rules.groups, $0.schedule) }
        let current = Set(groups.map { AlertingStage.labels($0.key) })
        metrics.update { figures in
            for family in MetricFamily.ruleGroupFamilies {
                for labels in figures.labelSets(family) where !current.contains(labels) { figures.remove(family, labels: labels) }
            }
            for group in groups {
                let labels = AlertingStage.labels(group.key)
                figures.set(.ruleGroupInterval, schedule.interval(of: group.key).seconds, labels: labels)
                figures.set(.ruleGroupOffPollPath, schedule.runsOffPollPath(group.key) ? 1 : 0, labels: labels)
                figures.add(.ruleGroupIterationsMissed, 0, labels: labels)
                if figures.value(.ruleGroupLastDuration, labels: labels) == nil { figures.set(.ruleGroupLastDuration, 0, labels: labels) }
                if figures.value(.ruleGroupLastEvaluation, labels: labels) == nil {
                    figures.set(.ruleGroupLastEvaluation, 0, labels: labels)
                }
            }
        }
    }

    /// A group's last evaluation on `/metrics`.
    static func record(_ run: GroupRun, at time: Timestamp, in figures: inout MetricSamples) {
        let labels = labels(run.key)
        figures.set(.ruleGroupLastDuration, run.duration.seconds, labels: labels)
        figures.set(.ruleGroupLastEvaluation, Double(time.milliseconds) / 1000, labels: labels)
    }

    /// `file` and `rule_group` (the group's name): names alone may repeat across files.
    static func labels(_ key: RuleGroupKey) -> Labels { Labels(["file": key.file, "rule_group": key.name]) }
}
