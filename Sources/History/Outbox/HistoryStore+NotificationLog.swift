public import TimeSeries

/// The durable notification log: per receiver and group, what the last queued notification
/// said. Rows are written with the notification (`enqueueNotifications`); these read them back
/// after a restart and drop the rows of receivers that are gone.
extension HistoryStore {
    /// Every row, by receiver and group key.
    public func notificationLog() throws(HistoryError) -> [NotificationLogRecord] {
        try withWriter { (state) throws(SQLiteError) -> [NotificationLogRecord] in
            try NotificationLogRows.all(on: state.connection)
        }
    }

    /// Deletes the rows of every receiver not in `receivers`; returns how many went.
    @discardableResult
    public func forgetNotificationLog(exceptReceivers receivers: Set<String>) throws(HistoryError) -> Int {
        try withWriter { (state) throws(SQLiteError) -> Int in
            try state.connection.writeTransaction { () throws(SQLiteError) -> Int in
                let gone = try NotificationLogRows.all(on: state.connection).filter { !receivers.contains($0.receiver) }
                try NotificationLogRows.delete(gone.map { ($0.receiver, $0.groupKey) }, on: state.connection)
                return gone.count
            }
        }
    }
}
