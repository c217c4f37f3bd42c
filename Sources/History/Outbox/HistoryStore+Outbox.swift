public import TimeSeries

/// The durable outbox: a notification leaves it only once a receiver accepted it (or refused it
/// for good), so a crash or a receiver that is down loses nothing.
///
/// Each receiver's notifications go out in the order they were queued: only a receiver's oldest
/// notification is ever due, so a later one never overtakes an earlier one being retried.
extension HistoryStore {
    /// Runs `body` in one write transaction on the outbox and notification-log tables: every row
    /// it writes lands, or (when it throws) none does, so a notification and the log row that
    /// describes it are committed together.
    public func withNotificationTables<Result>(
        _ body: (NotificationTables) throws(HistoryError) -> Result
    ) throws(HistoryError) -> Result {
        try locked { (state) throws(HistoryError) -> Result in
            let connection = state.connection
            do throws(SQLiteError) { try connection.statement("BEGIN IMMEDIATE").run() } catch { throw HistoryError(error) }
            do throws(HistoryError) {
                let result = try body(NotificationTables(connection: connection))
                do throws(SQLiteError) { try connection.statement("COMMIT").run() } catch { throw HistoryError(error) }
                return result
            } catch {
                connection.rollBack()
                throw error
            }
        }
    }

    /// Queues a notification with no log row in its own transaction; returns its id.
    @discardableResult
    public func enqueueNotification(receiver: String, groupKey: String, payload: [UInt8], at now: Timestamp)
        throws(HistoryError) -> Int64
    {
        try withNotificationTables { (tables) throws(HistoryError) -> Int64 in
            try tables.insertOutbox(receiver: receiver, groupKey: groupKey, payload: payload, firing: [], at: now)
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
                    firing: NotificationTables.decoded(query.text(8))))
            }
            return items
        }
    }

    /// Removes a notification without touching the notification log.
    public func removeNotification(_ id: Int64) throws(HistoryError) {
        try withWriter { (state) throws(SQLiteError) in try NotificationTables.deleteOutbox(id: id, on: state.connection) }
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
