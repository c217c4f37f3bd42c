public import TimeSeries

/// The notification log as kept on disk, with the outbox: what each group's last queued
/// notification said (so dedup and `repeat_interval` survive a restart), and which of its
/// alerts a receiver accepted or refused for good (so "delivered to" and "refused by" do).
///
/// As in Alertmanager's `nflog`, the log decides what its records mean and the storage below
/// only keeps rows; unlike it, each record is written in the transaction that queues — or
/// settles — the notification it describes, so the log never says "notified" about a
/// notification the outbox does not hold, nor "delivered" about one it still does.
public struct DurableNotificationLog<Storage: NotificationLogStorage> {
    /// Where the records and the outbox live.
    public let storage: Storage

    public init(_ storage: Storage) { self.storage = storage }

    /// Queues a dispatch step's notifications, writes the records that describe them and deletes
    /// those of the groups that are gone, in one transaction; returns the new ids in order. On
    /// error nothing is written, and the caller takes the notifications back to produce them again.
    @discardableResult
    public func enqueue(_ dispatched: DispatchResult, at now: Timestamp) throws(Storage.Failure) -> [Int64] {
        guard !dispatched.notifications.isEmpty || !dispatched.forgotten.isEmpty else { return [] }
        return try storage.transaction { (rows) throws(Storage.Failure) -> [Int64] in
            var ids: [Int64] = []
            for notification in dispatched.notifications {
                ids.append(try rows.queue(
                    outboxKey: notification.outboxKey, groupKey: notification.groupKey, payload: notification.payload,
                    firing: notification.firing, at: now))
                guard let entry = notification.log else { continue }
                // Queueing says nothing about what reached the receiver: `delivered` and the refusal stay.
                var record = try rows.record(outboxKey: notification.outboxKey, groupKey: notification.groupKey)
                    ?? NotificationLogRecord(outboxKey: notification.outboxKey, groupKey: notification.groupKey, entry: entry)
                record.entry = entry
                try rows.write(record)
            }
            for gone in dispatched.forgotten { try rows.delete(outboxKey: gone.receiver, groupKey: gone.groupKey) }
            return ids
        }
    }

    /// Takes notification `id`, which the receiver accepted, out of the outbox and records that
    /// the episodes it carried (`firing`) reached the receiver — no longer refused there. False
    /// when its group has no record any more (forgotten while the notification waited), so there
    /// is nothing to show it against.
    @discardableResult
    public func delivered(_ id: Int64, outboxKey: String, groupKey: String, firing: Set<String>) throws(Storage.Failure) -> Bool {
        try storage.transaction { (rows) throws(Storage.Failure) -> Bool in
            try rows.dequeue(id: id)
            guard var record = try rows.record(outboxKey: outboxKey, groupKey: groupKey) else { return false }
            record.delivered = firing
            if var refusal = record.refusal {
                refusal.firing.subtract(firing)
                record.refusal = refusal.firing.isEmpty ? nil : refusal
            }
            try rows.write(record)
            return true
        }
    }

    /// Takes notification `id`, which the receiver refused for good answering `status`, out of
    /// the outbox and records the refusal of the episodes it carried in place of the group's
    /// earlier one: each notification of a group carries every alert of it still firing, so an
    /// episode left out has resolved. False when its group has no record any more.
    @discardableResult
    public func refused(
        _ id: Int64, outboxKey: String, groupKey: String, firing: Set<String>, status: Int, reason: String
    ) throws(Storage.Failure) -> Bool {
        try storage.transaction { (rows) throws(Storage.Failure) -> Bool in
            try rows.dequeue(id: id)
            guard var record = try rows.record(outboxKey: outboxKey, groupKey: groupKey) else { return false }
            record.refusal = firing.isEmpty ? nil : RefusalReceipt(firing: firing, status: status, reason: reason)
            try rows.write(record)
            return true
        }
    }

    /// Everything saved, as the dispatcher and the delivery receipts take it back after a restart.
    public func saved() throws(Storage.Failure) -> SavedNotificationLog {
        SavedNotificationLog(try storage.transaction { (rows) throws(Storage.Failure) in try rows.records() })
    }

    /// Deletes the records of every outbox key not in `outboxKeys` (receivers a reload removed);
    /// returns how many went.
    @discardableResult
    public func forget(exceptOutboxKeys outboxKeys: Set<String>) throws(Storage.Failure) -> Int {
        try storage.transaction { (rows) throws(Storage.Failure) -> Int in
            let gone = try rows.records().filter { !outboxKeys.contains($0.outboxKey) }
            for record in gone { try rows.delete(outboxKey: record.outboxKey, groupKey: record.groupKey) }
            return gone.count
        }
    }
}

/// The notification log read back after a restart.
public struct SavedNotificationLog: Sendable, Equatable {
    /// Every record, by outbox key and group key.
    public var records: [NotificationLogRecord]

    public init(_ records: [NotificationLogRecord]) { self.records = records }

    /// What each group's last notification said, by outbox key and group key, for
    /// `AlertDispatcher.restore(log:)`.
    public var entries: [String: [String: NotificationLog.Entry]] {
        var entries: [String: [String: NotificationLog.Entry]] = [:]
        for record in records { entries[record.outboxKey, default: [:]][record.groupKey] = record.entry }
        return entries
    }

    /// Which alerts reached each receiver, or were refused by it.
    public var receipts: DeliveryReceipts {
        var receipts = DeliveryReceipts()
        for record in records {
            if !record.delivered.isEmpty {
                receipts.record(outboxKey: record.outboxKey, groupKey: record.groupKey, firing: record.delivered)
            }
            if let refusal = record.refusal {
                receipts.restoreRefusal(refusal, outboxKey: record.outboxKey, groupKey: record.groupKey)
            }
        }
        return receipts
    }
}
