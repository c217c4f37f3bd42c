/// The `refused` columns of `notification_log`: what a receiver refused for good and did not
/// accept since.
extension NotificationLogRows {
    /// A group row's refusal as stored; nil when the group has no row.
    static func refusal(
        receiver: String, groupKey: String, on connection: SQLiteConnection
    ) throws(SQLiteError) -> (episodes: Set<String>, status: Int, reason: String)? {
        let query = try connection.statement(
            "SELECT refused, refused_status, refused_reason FROM notification_log WHERE receiver = ? AND group_key = ?")
        defer { query.reset() }
        query.bind(1, receiver)
        query.bind(2, groupKey)
        guard try query.step() else { return nil }
        return (decoded(query.text(0)), query.int(1), query.text(2))
    }

    /// Records that the receiver refused a notification of the group carrying `firing`, in place
    /// of any earlier refusal (the group's later notifications carry what still fires); `delivered`
    /// stays. False when the group has no row any more.
    static func markRefused(
        receiver: String, groupKey: String, firing: Set<String>, status: Int, reason: String, on connection: SQLiteConnection
    ) throws(SQLiteError) -> Bool {
        let update = try connection.statement("""
            UPDATE notification_log SET refused = ?, refused_status = ?, refused_reason = ? WHERE receiver = ? AND group_key = ?
            """)
        update.bind(1, encoded(firing))
        update.bind(2, firing.isEmpty ? 0 : status)
        update.bind(3, firing.isEmpty ? "" : reason)
        update.bind(4, receiver)
        update.bind(5, groupKey)
        try update.run()
        return connection.changes > 0
    }
}
