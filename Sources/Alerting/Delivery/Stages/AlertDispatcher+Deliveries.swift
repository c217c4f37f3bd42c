import TimeSeries

extension AlertDispatcher {
    /// For each firing alert among `alerts`, by fingerprint, the receivers that accepted a
    /// notification announcing it, those that refused one for good, and those a queued one has
    /// not reached yet — each receiver in the first of these that applies. Alerts no
    /// notification announced (pending ones, those held in `group_wait`) are left out.
    ///
    /// An Alertmanager receiver with several URLs counts as delivered once any of them accepted
    /// the alert: each Alertmanager notifies on its own. Receipts of groups the notification log
    /// no longer holds are ignored: they belong to alerts that left.
    public func deliveries(of alerts: [Alert], receipts: DeliveryReceipts) -> [UInt64: AlertDelivery] {
        let firing = alerts.filter { $0.state == .firing }
        guard !firing.isEmpty else { return [:] }
        var result: [UInt64: AlertDelivery] = [:]
        for receiver in receivers {
            let entries = groupers[receiver.name]?.log.entries ?? resenders[receiver.name]?.log.entries ?? [:]
            guard !entries.isEmpty else { continue }
            let notified = entries.values.reduce(into: Set<String>()) { $0.formUnion($1.firing) }
            let delivered = receipts.episodes(outboxKeys: receiver.outboxKeys, groupKeys: entries.keys)
            let refused = receipts.refusals(outboxKeys: receiver.outboxKeys, groupKeys: entries.keys)
            for alert in firing {
                let episode = alert.episode
                if delivered.contains(episode) {
                    result[alert.fingerprint, default: AlertDelivery()].deliveredTo.append(receiver.name)
                } else if let refusal = refused[episode] {
                    // Ahead of "queued": a later notification waiting for the receiver is likely
                    // to meet the same answer, and the refusal is what someone has to act on.
                    result[alert.fingerprint, default: AlertDelivery()].refusedBy.append(
                        DeliveryRefusal(receiver: receiver.name, status: refusal.status, reason: refusal.reason))
                } else if notified.contains(episode) {
                    result[alert.fingerprint, default: AlertDelivery()].queuedFor.append(receiver.name)
                }
            }
        }
        return result
    }
}
