public import TimeSeries

/// The durable outbox: a notification leaves it only once a receiver accepted it (or refused it
/// for good), so a crash or a receiver that is down loses nothing.
///
/// Each receiver's notifications go out in the order they were queued: only a receiver's oldest
/// notification is ever due, so a later one never overtakes an earlier one being retried.
extension HistoryStore {
    /// Queues a notification in its own transaction; returns its id.
    @discardableResult
    public func enqueueNotification(receiver: String, groupKey: String, payload: [UInt8], at now: Timestamp)
        throws(HistoryError) -> Int64
    {
        try enqueueNotifications([NotificationToQueue(receiver: receiver, groupKey: groupKey, payload: payload)], at: now)[0]
    }

    /// Queues notifications and writes their notification-log rows in one transaction, and
    /// deletes the log rows of groups that are gone; returns the new ids in order. On error
    /// nothing is written, so the log never records a notification the outbox does not hold.
    @discardableResult
    public func enqueueNotifications(
        _ notifications: [NotificationToQueue], forgetting gone: [(receiver: String, groupKey: String)] = [], at now: Timestamp
    ) throws(HistoryError) -> [Int64] {
        guard !notifications.isEmpty || !gone.isEmpty else { return [] }
        return try withWriter { (state) throws(SQLiteError) -> [Int64] in
            try state.connection.writeTransaction { () throws(SQLiteError) -> [Int64] in
                let insert = try state.connection.statement("""
                    INSERT INTO outbox (receiver, group_key, payload, created_ms, attempts, next_attempt_ms, firing)
                    VALUES (?, ?, ?, ?, 0, ?, ?)
                    """)
                var ids: [Int64] = []
                for notification in notifications {
                    insert.bind(1, notification.receiver)
                    insert.bind(2, notification.groupKey)
                    insert.bind(3, blob: notification.payload)
                    insert.bind(4, now.milliseconds)
                    insert.bind(5, now.milliseconds)
                    insert.bind(6, NotificationLogRows.encoded(notification.firing))
                    try insert.run()
                    ids.append(try state.connection.scalar("SELECT last_insert_rowid()") ?? 0)
                    if let record = notification.log { try NotificationLogRows.write(record, on: state.connection) }
                }
                try NotificationLogRows.delete(gone, on: state.connection)
                return ids
            }
        }
    }

    /// For each receiver, its oldest notification when that one is due at `now`.
    public func dueNotifications(at now: Timestamp) throws(HistoryError) -> [OutboxItem] {
        try withWriter { (state) throws(SQLiteError) -> [OutboxItem] in
            let query = try state.connection.statement("""
                SELECT o.id, o.receiver, o.group_key, o.payload, o.created_ms, o.attempts, o.next_attempt_ms, o.last_error,
                    o.firing
                FROM outbox o JOIN (SELECT receiver, min(id) AS first FROM outbox GROUP BY receiver) h ON o.id = h.first
                WHERE o.next_attempt_ms <= ? ORDER BY o.id
                """)
            query.bind(1, now.milliseconds)
            var items: [OutboxItem] = []
            while try query.step() {
                items.append(OutboxItem(
                    id: query.int64(0), receiver: query.text(1), groupKey: query.text(2), payload: query.blob(3),
                    createdAt: Timestamp(milliseconds: query.int64(4)), attempts: query.int(5),
                    nextAttempt: Timestamp(milliseconds: query.int64(6)), lastError: query.isNull(7) ? nil : query.text(7),
                    firing: NotificationLogRows.decoded(query.text(8))))
            }
            return items
        }
    }

    /// Removes a notification the receiver accepted and, in the same transaction, records in the
    /// notification log which alerts it carried; returns false when its group has no log row any
    /// more (forgotten while the notification waited), so there is nothing to show it against.
    @discardableResult
    public func deliveredNotification(_ item: OutboxItem) throws(HistoryError) -> Bool {
        try withWriter { (state) throws(SQLiteError) -> Bool in
            try state.connection.writeTransaction { () throws(SQLiteError) -> Bool in
                let delete = try state.connection.statement("DELETE FROM outbox WHERE id = ?")
                delete.bind(1, item.id)
                try delete.run()
                return try NotificationLogRows.markDelivered(
                    receiver: item.receiver, groupKey: item.groupKey, firing: item.firing, on: state.connection)
            }
        }
    }

    /// Removes a notification the receiver refused for good, answering `status`, and in the same
    /// transaction records in the notification log which alerts it carried, in place of the
    /// group's earlier refusal; returns false when its group has no log row any more.
    @discardableResult
    public func refusedNotification(_ item: OutboxItem, status: Int, reason: String) throws(HistoryError) -> Bool {
        try withWriter { (state) throws(SQLiteError) -> Bool in
            try state.connection.writeTransaction { () throws(SQLiteError) -> Bool in
                let delete = try state.connection.statement("DELETE FROM outbox WHERE id = ?")
                delete.bind(1, item.id)
                try delete.run()
                return try NotificationLogRows.markRefused(
                    receiver: item.receiver, groupKey: item.groupKey, firing: item.firing, status: status, reason: reason,
                    on: state.connection)
            }
        }
    }

    /// Removes a notification without recording anything: one whose receiver is no longer
    /// configured (or, without recording what it carried, one it accepted or refused).
    public func removeNotification(_ id: Int64) throws(HistoryError) {
        try withWriter { (state) throws(SQLiteError) in
            let delete = try state.connection.statement("DELETE FROM outbox WHERE id = ?")
            delete.bind(1, id)
            try delete.run()
        }
    }

    /// Records a failed attempt and when to try again.
    public func rescheduleNotification(_ id: Int64, next: Timestamp, error: String) throws(HistoryError) {
        try withWriter { (state) throws(SQLiteError) in
            let update = try state.connection.statement(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ? WHERE id = ?")
            update.bind(1, next.milliseconds)
            update.bind(2, error)
            update.bind(3, id)
            try update.run()
        }
    }

    /// How many notifications wait, per receiver.
    public func outboxDepth() throws(HistoryError) -> [String: Int] {
        try withWriter { (state) throws(SQLiteError) -> [String: Int] in
            let query = try state.connection.statement("SELECT receiver, count(*) FROM outbox GROUP BY receiver")
            var depth: [String: Int] = [:]
            while try query.step() { depth[query.text(0)] = query.int(1) }
            return depth
        }
    }
}
