/// Which alerts reached each receiver: per outbox key and group key, the firing alert episodes
/// of the last notification the receiver accepted (a 2xx), and those of the last one it refused
/// for good (a final 4xx) that nothing delivered since.
///
/// A receiver gets a group's notifications in order, so the last one it accepted says what it
/// knows now; one queued after it and not yet accepted — the receiver is down, say — leaves
/// the new alerts it carries as "queued". The agent keeps the same sets in the notification
/// log's `delivered` and `refused` columns and reads them back after a restart.
public struct DeliveryReceipts: Sendable, Equatable {
    /// Episodes by outbox key, then group key.
    public private(set) var accepted: [String: [String: Set<String>]] = [:]
    /// Refusals by outbox key, then group key (see `DeliveryReceipts+Refusals`).
    public internal(set) var refused: [String: [String: RefusalReceipt]] = [:]

    public init() {}

    /// Notes that the receiver behind `outboxKey` accepted a notification of `groupKey`
    /// carrying `firing`; those episodes are no longer refused there.
    public mutating func record(outboxKey: String, groupKey: String, firing: Set<String>) {
        accepted[outboxKey, default: [:]][groupKey] = firing
        if var refusal = refused[outboxKey]?[groupKey] {
            refusal.firing.subtract(firing)
            setRefusal(refusal.firing.isEmpty ? nil : refusal, outboxKey: outboxKey, groupKey: groupKey)
        }
    }

    /// Forgets a group that is gone, as its notification-log row is.
    public mutating func forget(outboxKey: String, groupKey: String) {
        accepted[outboxKey]?[groupKey] = nil
        if accepted[outboxKey]?.isEmpty == true { accepted[outboxKey] = nil }
        setRefusal(nil, outboxKey: outboxKey, groupKey: groupKey)
    }

    /// Keeps only the receivers still configured (by outbox key).
    public mutating func keep(outboxKeys: Set<String>) {
        accepted = accepted.filter { outboxKeys.contains($0.key) }
        refused = refused.filter { outboxKeys.contains($0.key) }
    }

    /// Lays `newer` — what the delivery loop recorded while these were read from the log — over
    /// these, in the order the loop would have recorded it: deliveries, then refusals.
    public mutating func merge(_ newer: DeliveryReceipts) {
        for (key, groups) in newer.accepted {
            for (group, firing) in groups { record(outboxKey: key, groupKey: group, firing: firing) }
        }
        for (key, groups) in newer.refused {
            for (group, refusal) in groups { setRefusal(refusal, outboxKey: key, groupKey: group) }
        }
    }

    /// The episodes any of `outboxKeys` accepted, in the groups `groupKeys` names.
    func episodes(outboxKeys: [String], groupKeys: some Collection<String>) -> Set<String> {
        var found: Set<String> = []
        for key in outboxKeys {
            guard let groups = accepted[key] else { continue }
            for group in groupKeys { found.formUnion(groups[group] ?? []) }
        }
        return found
    }
}
