import Alerting
import Testing
import TimeSeries

/// What the durable notification log records when notifications are queued, accepted, refused
/// and forgotten, on storage kept in memory.
@Suite struct DurableNotificationLogTests {
    let storage = MemoryNotificationStorage()
    var log: DurableNotificationLog<MemoryNotificationStorage> { DurableNotificationLog(storage) }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

    func entry(_ firing: Set<String>, resolved: Set<String> = [], at seconds: Int64) -> NotificationLog.Entry {
        NotificationLog.Entry(firing: firing, resolved: resolved, sentAt: at(seconds))
    }

    func notification(_ outboxKey: String, _ groupKey: String, log: NotificationLog.Entry?, carrying firing: Set<String> = [])
        -> OutgoingNotification
    {
        OutgoingNotification(outboxKey: outboxKey, groupKey: groupKey, payload: [1], log: log, firing: firing)
    }

    /// Queues one notification that the log describes, carrying what it announces as firing.
    @discardableResult
    func queue(_ outboxKey: String, _ groupKey: String, _ firing: Set<String>, at seconds: Int64) throws -> Int64 {
        try log.enqueue(
            DispatchResult(notifications: [notification(outboxKey, groupKey, log: entry(firing, at: seconds), carrying: firing)]),
            at: at(seconds))[0]
    }

    @Test func queueingWritesTheRecordsAndForgetsGoneGroups() throws {
        let ids = try log.enqueue(DispatchResult(notifications: [
            notification("hook", "g1", log: entry(["a@1", "b@2"], at: 10)),
            notification("team", "api", log: nil),
            notification("chat", "g2", log: entry([], resolved: ["c@3"], at: 10)),
        ]), at: at(10))
        #expect(ids == [1, 2, 3])
        try log.enqueue(DispatchResult(forgotten: [("hook", "g1")]), at: at(20))
        #expect(try log.saved().records == [NotificationLogRecord(outboxKey: "chat", groupKey: "g2", entry: entry([], resolved: ["c@3"], at: 10))])
        #expect(storage.committed.outbox.count == 3, "forgetting a group leaves its queued notifications to go out")
    }

    @Test func aNotificationThatCannotBeQueuedLeavesNoRecord() throws {
        try queue("hook", "g1", ["a@1"], at: 10)
        storage.failQueueing(true)
        #expect(throws: MemoryNotificationStorage.Failure.self) {
            try log.enqueue(DispatchResult(
                notifications: [notification("hook", "g2", log: entry(["b@1"], at: 20))], forgotten: [("hook", "g1")]), at: at(20))
        }
        #expect(try log.saved().records.map(\.groupKey) == ["g1"], "neither the new record nor the forgetting landed")
        #expect(storage.committed.outbox.count == 1)
    }

    @Test func aDeliveryRecordsWhatItCarriedAndQueueingKeepsIt() throws {
        // The log says a@1 and b@2 fire; max_alerts cut the payload to a@1.
        let id = try log.enqueue(DispatchResult(
            notifications: [notification("hook", "g1", log: entry(["a@1", "b@2"], at: 10), carrying: ["a@1"])]), at: at(10))[0]
        #expect(try log.delivered(id, outboxKey: "hook", groupKey: "g1", firing: ["a@1"]))
        #expect(storage.committed.outbox.isEmpty)
        // A later notification of the group is queued: it has not reached the receiver yet.
        try queue("hook", "g1", ["a@1", "b@2", "c@3"], at: 20)
        let saved = try log.saved()
        #expect(saved.records == [
            NotificationLogRecord(outboxKey: "hook", groupKey: "g1", entry: entry(["a@1", "b@2", "c@3"], at: 20), delivered: ["a@1"])
        ])
        var expected = DeliveryReceipts()
        expected.record(outboxKey: "hook", groupKey: "g1", firing: ["a@1"])
        #expect(saved.receipts == expected)
        #expect(saved.entries == ["hook": ["g1": entry(["a@1", "b@2", "c@3"], at: 20)]])
    }

    @Test func aDeliveryForAForgottenGroupHasNothingToRecordAgainst() throws {
        let id = try queue("hook", "g1", ["a@1"], at: 10)
        try log.enqueue(DispatchResult(forgotten: [("hook", "g1")]), at: at(20))
        #expect(try log.delivered(id, outboxKey: "hook", groupKey: "g1", firing: ["a@1"]) == false)
        #expect(try log.saved().records.isEmpty)
        #expect(storage.committed.outbox.isEmpty, "delivered all the same: it leaves the outbox")
    }

    @Test func aRefusalStandsUntilADeliveryCarriesItsAlerts() throws {
        let refused = try queue("strict", "g1", ["a@1"], at: 10)
        #expect(try log.refused(refused, outboxKey: "strict", groupKey: "g1", firing: ["a@1"], status: 400, reason: "Bad Request"))
        #expect(storage.committed.outbox.isEmpty, "a refusal is final: it leaves the outbox")
        let next = try queue("strict", "g1", ["a@1", "b@2"], at: 20)
        let refusal = RefusalReceipt(firing: ["a@1"], status: 400, reason: "Bad Request")
        #expect(try log.saved().records == [
            NotificationLogRecord(outboxKey: "strict", groupKey: "g1", entry: entry(["a@1", "b@2"], at: 20), refusal: refusal)
        ])
        #expect(try log.saved().receipts.refused == ["strict": ["g1": refusal]])
        #expect(try log.delivered(next, outboxKey: "strict", groupKey: "g1", firing: ["a@1", "b@2"]))
        #expect(try log.saved().records == [
            NotificationLogRecord(outboxKey: "strict", groupKey: "g1", entry: entry(["a@1", "b@2"], at: 20), delivered: ["a@1", "b@2"])
        ])
    }

    @Test func aPartialDeliveryLeavesTheRestRefusedAndALaterRefusalReplacesIt() throws {
        let first = try queue("strict", "g1", ["a@1", "b@2"], at: 10)
        try log.refused(first, outboxKey: "strict", groupKey: "g1", firing: ["a@1", "b@2"], status: 422, reason: "")
        let second = try queue("strict", "g1", ["a@1", "b@2"], at: 20)
        try log.delivered(second, outboxKey: "strict", groupKey: "g1", firing: ["a@1"])
        #expect(try log.saved().records.first?.refusal == RefusalReceipt(firing: ["b@2"], status: 422))
        // b@2 resolved: the next refusal carries only what still fires, in place of the last.
        let third = try queue("strict", "g1", ["c@3"], at: 30)
        try log.refused(third, outboxKey: "strict", groupKey: "g1", firing: ["c@3"], status: 400, reason: "Bad Request")
        #expect(try log.saved().records.first?.refusal == RefusalReceipt(firing: ["c@3"], status: 400, reason: "Bad Request"))
        // A refused notification that carried no firing alert clears the refusal.
        let fourth = try queue("strict", "g1", [], at: 40)
        try log.refused(fourth, outboxKey: "strict", groupKey: "g1", firing: [], status: 400, reason: "Bad Request")
        #expect(try log.saved().records.first?.refusal == nil)
    }

    @Test func receiversNoLongerConfiguredAreForgotten() throws {
        try queue("hook", "g1", ["a@1"], at: 1)
        try queue("hook", "g2", ["b@1"], at: 1)
        try queue("old", "g1", ["a@1"], at: 1)
        #expect(try log.forget(exceptOutboxKeys: ["hook"]) == 1)
        #expect(try log.saved().records.map { "\($0.outboxKey)/\($0.groupKey)" } == ["hook/g1", "hook/g2"])
    }
}
