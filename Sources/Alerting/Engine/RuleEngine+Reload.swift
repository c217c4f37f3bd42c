import TimeSeries

/// What a reload changed.
public struct ReloadReport: Sendable, Equatable {
    /// Rules that were running before and kept their state.
    public var kept: Int
    public var added: Int
    public var removed: Int

    public init(kept: Int, added: Int, removed: Int) {
        self.kept = kept
        self.added = added
        self.removed = removed
    }
}

extension RuleEngine {
    /// Switches to new rules. A rule equal to one already running — same file, group, kind,
    /// name, expression, labels and `for` — keeps its alerts, so a pending `for` timer goes on
    /// and a firing alert is not sent again as new. Series of rules that are gone are marked
    /// stale at the next evaluation.
    public mutating func reload(_ newRules: RuleSet) -> ReloadReport {
        var oldStates: [RuleIdentity: [RuleState]] = [:]
        var lastRuns: [String: Timestamp] = [:]
        for group in groups {
            for state in group.rules { oldStates[state.identity, default: []].append(state) }
            if let last = group.lastEvaluatedAt { lastRuns[group.group.file + "\u{0}" + group.group.name] = last }
        }
        var kept = 0
        var added = 0
        var newGroups: [GroupState] = []
        for group in newRules.groups {
            var state = RuleEngine.freshState(for: group, options: options)
            state.lastEvaluatedAt = lastRuns[group.file + "\u{0}" + group.name]
            for index in state.rules.indices {
                let identity = state.rules[index].identity
                if var previous = oldStates[identity], !previous.isEmpty {
                    state.rules[index] = previous.removeFirst()
                    oldStates[identity] = previous
                    kept += 1
                } else {
                    added += 1
                }
            }
            newGroups.append(state)
        }
        let removed = oldStates.values.reduce(0) { $0 + $1.count }
        for state in oldStates.values.joined() { orphanedSeries += state.previousSeries.values.sorted(by: Labels.ruleOrder) }
        groups = newGroups
        rules = newRules
        return ReloadReport(kept: kept, added: added, removed: removed)
    }

    /// Reads the rule files again and switches to them. When any file has an error, nothing
    /// changes — the rules already running keep running — and every error is thrown.
    public mutating func reload(paths: [String]) throws(RuleFileErrors) -> ReloadReport {
        reload(try RuleSet.load(paths: paths))
    }
}
