import Alerting
import TimeSeries

/// Notification-log storage in memory, transactional like the history file: a transaction
/// works on a copy that replaces the stored rows only when it returns.
final class MemoryNotificationStorage: NotificationLogStorage {
    /// An outbox row.
    struct Queued: Equatable {
        var id: Int64
        var outboxKey: String
        var groupKey: String
        var firing: Set<String>
    }

    /// What a failing storage throws.
    struct Failure: Error, Equatable {}

    /// The committed rows.
    final class Tables {
        var outbox: [Queued] = []
        var log: [String: NotificationLogRecord] = [:]
        var nextID: Int64 = 1
        /// When set, queueing a notification throws, as a full disk would.
        var failQueueing = false

        func copy() -> Tables {
            let copy = Tables()
            copy.outbox = outbox
            copy.log = log
            copy.nextID = nextID
            copy.failQueueing = failQueueing
            return copy
        }
    }

    private(set) var committed = Tables()

    func transaction<Result>(_ body: (Rows) throws(Failure) -> Result) throws(Failure) -> Result {
        let working = committed.copy()
        let result = try body(Rows(tables: working))
        committed = working
        return result
    }

    /// Fails every later queueing, or (false) lets it through again.
    func failQueueing(_ fail: Bool) { committed.failQueueing = fail }

    /// One transaction's copy of the rows.
    struct Rows: NotificationLogRows {
        let tables: Tables

        static func key(_ outboxKey: String, _ groupKey: String) -> String { "\(outboxKey)\u{0}\(groupKey)" }

        func queue(outboxKey: String, groupKey: String, payload: [UInt8], firing: Set<String>, at now: Timestamp) throws(Failure) -> Int64 {
            guard !tables.failQueueing else { throw Failure() }
            let id = tables.nextID
            tables.nextID += 1
            tables.outbox.append(Queued(id: id, outboxKey: outboxKey, groupKey: groupKey, firing: firing))
            return id
        }

        func dequeue(id: Int64) throws(Failure) { tables.outbox.removeAll { $0.id == id } }

        func record(outboxKey: String, groupKey: String) throws(Failure) -> NotificationLogRecord? {
            tables.log[Self.key(outboxKey, groupKey)]
        }

        func records() throws(Failure) -> [NotificationLogRecord] {
            tables.log.values.sorted { ($0.outboxKey, $0.groupKey) < ($1.outboxKey, $1.groupKey) }
        }

        func write(_ record: NotificationLogRecord) throws(Failure) { tables.log[Self.key(record.outboxKey, record.groupKey)] = record }

        func delete(outboxKey: String, groupKey: String) throws(Failure) { tables.log[Self.key(outboxKey, groupKey)] = nil }
    }
}
