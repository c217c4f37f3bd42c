public import Query
public import TimeSeries

/// One rule group taken out of a `RuleEngine` to be evaluated elsewhere — on a thread of its
/// own — while the engine goes on evaluating the other groups, then put back with `rejoin`.
///
/// A value: it carries a copy of the group's rules and state, so the evaluation needs no lock
/// on the engine. Until it is put back the engine keeps the group's state as of its last
/// evaluation, which is what `/api/v1/rules`, the dispatcher and saved state see meanwhile.
public struct DetachedGroup: Sendable {
    public let key: RuleGroupKey
    /// An engine holding only this group, with the engine's options.
    var engine: RuleEngine

    init(key: RuleGroupKey, engine: RuleEngine) {
        self.key = key
        self.engine = engine
    }

    /// The group's interval, nil when it runs every poll.
    public var interval: PromDuration? { engine.groups.first?.group.interval }

    /// Evaluates the group at `time` over `reader`, whether or not its interval has passed: the
    /// caller's schedule decided it is due. `now` times it, as in `RuleEngine.evaluate`.
    public mutating func evaluate(at time: Timestamp, reader: any SeriesReader, now: () -> Timestamp = Timestamp.now) -> EvaluationResult {
        for index in engine.groups.indices { engine.groups[index].lastEvaluatedAt = nil }
        return engine.evaluate(at: time, reader: reader, now: now)
    }
}

extension RuleEngine {
    /// A copy of the group `key` to evaluate away from the engine; nil when there is no such group.
    public func detach(_ key: RuleGroupKey) -> DetachedGroup? {
        guard let state = groups.first(where: { $0.group.key == key }) else { return nil }
        var engine = RuleEngine(rules: RuleSet(groups: [state.group]), options: options, sink: sink)
        engine.groups = [state]
        engine.lastStateMark = lastStateMark
        return DetachedGroup(key: key, engine: engine)
    }

    /// Puts an evaluated group's state back. False, and nothing changes, when a reload since
    /// `detach` removed the group or changed its rules: its results belong to rules no longer
    /// running, and the caller drops them.
    @discardableResult
    public mutating func rejoin(_ detached: DetachedGroup) -> Bool {
        guard let evaluated = detached.engine.groups.first,
            let index = groups.firstIndex(where: { $0.group.key == detached.key }),
            groups[index].rules.map(\.identity) == evaluated.rules.map(\.identity)
        else { return false }
        groups[index].rules = evaluated.rules
        groups[index].lastEvaluatedAt = evaluated.lastEvaluatedAt
        return true
    }
}
