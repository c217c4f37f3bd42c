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
    ///
    /// `alerts` are the engine's, keyed here by their own fingerprint; each is looked up in the
    /// receipts as the receiver got it (`labeling`), whose fingerprint may differ. An alert the
    /// relabelling drops was announced nowhere.
    public func deliveries(of alerts: [Alert], receipts: DeliveryReceipts) -> [UInt64: AlertDelivery] {
        let firing = alerts.filter { $0.state == .firing }
        guard !firing.isEmpty else { return [:] }
        // Each firing alert with the episode it is sent as: to webhook and Slack receivers, and to
        // Alertmanager receivers (without the HA replica label).
        let direct = firing.map { (alert: $0, episode: labeling.outgoing($0, toAlertmanager: false)?.episode) }
        let forAlertmanager =
            labeling.replicaLabel == nil ? direct : firing.map { (alert: $0, episode: labeling.outgoing($0, toAlertmanager: true)?.episode) }
        var result: [UInt64: AlertDelivery] = [:]
        for receiver in receivers {
            let sent: [(alert: Alert, episode: String?)]
            if case .alertmanager = receiver.kind { sent = forAlertmanager } else { sent = direct }
            let entries = groupers[receiver.name]?.log.entries ?? resenders[receiver.name]?.log.entries ?? [:]
            guard !entries.isEmpty else { continue }
            let notified = entries.values.reduce(into: Set<String>()) { $0.formUnion($1.firing) }
            let delivered = receipts.episodes(outboxKeys: receiver.outboxKeys, groupKeys: entries.keys)
            let refused = receipts.refusals(outboxKeys: receiver.outboxKeys, groupKeys: entries.keys)
            for (alert, episode) in sent {
                guard let episode else { continue }
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
