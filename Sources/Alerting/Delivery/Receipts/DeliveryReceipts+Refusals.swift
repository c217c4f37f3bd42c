extension DeliveryReceipts {
    /// Notes that the receiver behind `outboxKey` refused a notification of `groupKey` carrying
    /// `firing` for good, answering `status`.
    ///
    /// It replaces the group's previous refusal: each notification of a group carries every
    /// alert of it still firing, so an episode left out of this one has resolved.
    public mutating func recordRefusal(outboxKey: String, groupKey: String, firing: Set<String>, status: Int, reason: String = "") {
        let refusal = RefusalReceipt(firing: firing, status: status, reason: reason)
        setRefusal(firing.isEmpty ? nil : refusal, outboxKey: outboxKey, groupKey: groupKey)
    }

    /// Restores a refusal read back from the notification log.
    public mutating func restoreRefusal(_ refusal: RefusalReceipt, outboxKey: String, groupKey: String) {
        setRefusal(refusal.firing.isEmpty ? nil : refusal, outboxKey: outboxKey, groupKey: groupKey)
    }

    /// Sets or (with nil) clears one group's refusal, dropping outbox keys left with none.
    mutating func setRefusal(_ refusal: RefusalReceipt?, outboxKey: String, groupKey: String) {
        guard refusal != nil || refused[outboxKey] != nil else { return }
        refused[outboxKey, default: [:]][groupKey] = refusal
        if refused[outboxKey]?.isEmpty == true { refused[outboxKey] = nil }
    }

    /// Per episode, a refusal of it by any of `outboxKeys` in the groups `groupKeys` names; when
    /// several URLs of one receiver refused it, the first outbox key's answer stands.
    func refusals(outboxKeys: [String], groupKeys: some Collection<String>) -> [String: RefusalReceipt] {
        var found: [String: RefusalReceipt] = [:]
        for key in outboxKeys {
            guard let groups = refused[key] else { continue }
            for group in groupKeys {
                guard let refusal = groups[group] else { continue }
                for episode in refusal.firing where found[episode] == nil { found[episode] = refusal }
            }
        }
        return found
    }
}
