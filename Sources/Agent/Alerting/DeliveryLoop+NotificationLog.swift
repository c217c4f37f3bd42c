import Alerting
import History
import Probe

/// What a receiver's answer leaves in the notification log and the receipts.
extension DeliveryLoop {
    /// Removes a notification the receiver accepted and records which alerts it carried, only
    /// while its group still has a log record: a receipt for a group forgotten meanwhile would
    /// never be dropped.
    func delivered(_ item: OutboxItem, store: HistoryStore) throws(HistoryError) {
        if try store.notificationLog.delivered(item.id, outboxKey: item.receiver, groupKey: item.groupKey, firing: item.firing) {
            receipts.withLock { $0.record(outboxKey: item.receiver, groupKey: item.groupKey, firing: item.firing) }
        }
    }

    /// Removes a notification the receiver refused for good and records the refusal, so the
    /// alerts it carried read "refused" rather than "queued" until a later notification of their
    /// group is accepted. Only the status and its phrase are kept: the answer's body may echo
    /// secrets.
    func refused(_ item: OutboxItem, status: Int, store: HistoryStore) throws(HistoryError) {
        let reason = HTTPStatusText.phrase(status) ?? ""
        if try store.notificationLog.refused(
            item.id, outboxKey: item.receiver, groupKey: item.groupKey, firing: item.firing, status: status, reason: reason)
        {
            receipts.withLock {
                $0.recordRefusal(outboxKey: item.receiver, groupKey: item.groupKey, firing: item.firing, status: status, reason: reason)
            }
        }
    }
}
