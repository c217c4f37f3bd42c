import Alerting
import History
import Probe

extension DeliveryLoop {
    /// Removes a notification the receiver refused for good and records the refusal, so the
    /// alerts it carried read "refused" rather than "queued" until a later notification of their
    /// group is accepted. Only the status and its phrase are kept: the answer's body may echo
    /// secrets.
    func refused(_ item: OutboxItem, status: Int, store: HistoryStore) throws(HistoryError) {
        let reason = HTTPStatusText.phrase(status) ?? ""
        if try store.refusedNotification(item, status: status, reason: reason) {
            receipts.withLock {
                $0.recordRefusal(outboxKey: item.receiver, groupKey: item.groupKey, firing: item.firing, status: status, reason: reason)
            }
        }
    }
}
