import Alerting
import History
import Logging
import TimeSeries

/// What the durable notification log still needs from the alerting stage.
enum NotificationLogSync: Sendable, Equatable {
    /// Read it into the dispatcher and the receipts: at start when the history is open then,
    /// else before the first evaluation with a history.
    case restore
    /// Drop the rows of receivers a reload removed.
    case prune
    case done
}

extension AlertingStage {
    /// Queues the step's notifications and records them in the notification log in one
    /// transaction. When that fails nothing is written, and the dispatcher takes them back, so
    /// the next cycle produces them again instead of losing them — a resolution included, for
    /// every kind of receiver. The caller wakes the delivery loop.
    func enqueue(_ dispatched: DispatchResult, store: HistoryStore, at time: Timestamp) {
        guard !dispatched.notifications.isEmpty || !dispatched.forgotten.isEmpty else { return }
        do {
            try store.notificationLog.enqueue(dispatched, at: time)
            delivery.receipts.withLock { receipts in
                for gone in dispatched.forgotten { receipts.forget(outboxKey: gone.receiver, groupKey: gone.groupKey) }
            }
        } catch {
            state.withLock { state in
                for notification in dispatched.notifications { state.dispatcher.takeBack(notification) }
            }
            let receivers = Set(dispatched.notifications.map(\.outboxKey)).sorted().joined(separator: ",")
            logger.error("cannot queue notifications; they are tried again next cycle", metadata: [
                "receivers": "\(receivers)", "error": "\(error.description)",
            ])
        }
    }

    /// Reads the saved notification log into the dispatcher and the delivery receipts (once the
    /// history is open) and drops the rows of receivers that are no longer configured. Runs at
    /// start, so the first `/api/v1/alerts` answer and the first frame already say where the
    /// restored alerts were delivered, rather than "-" until the first cycle ends.
    func syncNotificationLog(_ store: HistoryStore) {
        let sync = state.withLock { $0.logSync }
        guard sync != .done else { return }
        // Rows are kept by outbox key: an Alertmanager receiver's URLs each have their own.
        let receivers = state.withLock { Set($0.dispatcher.receivers.flatMap(\.outboxKeys)) }
        do {
            if sync == .restore {
                let saved = try store.notificationLog.saved()
                state.withLock { $0.dispatcher.restore(log: saved.entries) }
                // Merged under what the delivery loop may already have recorded since the start.
                delivery.receipts.withLock { current in
                    var receipts = saved.receipts
                    receipts.merge(current)
                    current = receipts
                }
                let groups = saved.records.count { receivers.contains($0.outboxKey) }
                logger.info("notification log restored", metadata: ["groups": "\(groups)"])
            }
            try store.notificationLog.forget(exceptOutboxKeys: receivers)
            delivery.receipts.withLock { $0.keep(outboxKeys: receivers) }
        } catch {
            // Starting without it only risks notifying a group again, never missing one.
            logger.error("cannot read the notification log; some groups may be notified again", metadata: ["error": "\(error.description)"])
        }
        state.withLock { $0.logSync = .done }
    }
}
