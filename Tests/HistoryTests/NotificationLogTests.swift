import Foundation
import History
import Testing
import TimeSeries

/// The durable notification log on a real history file, written with the outbox rows it describes.
@Suite struct NotificationLogTests {
    let path: String

    init() throws {
        let directory = NSTemporaryDirectory() + "backlog-nflog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = "\(directory)/h.db"
    }

    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

    func record(_ receiver: String, _ key: String, firing: Set<String>, resolved: Set<String> = [], at seconds: Int64)
        -> NotificationLogRecord
    {
        NotificationLogRecord(receiver: receiver, groupKey: key, firing: firing, resolved: resolved, sentAt: at(seconds))
    }

    @Test func rowsAreWrittenWithTheirNotificationAndSurviveAReopen() throws {
        do {
            let store = try HistoryStore(path: path)
            let ids = try store.enqueueNotifications([
                NotificationToQueue(receiver: "hook", groupKey: "g1", payload: [1], log: record("hook", "g1", firing: ["a@1", "b@2"], at: 10)),
                NotificationToQueue(receiver: "team", groupKey: "api", payload: [2]),
                NotificationToQueue(receiver: "chat", groupKey: "g2", payload: [3], log: record("chat", "g2", firing: [], resolved: ["c@3"], at: 10)),
            ], at: at(10))
            #expect(ids.count == 3 && ids == ids.sorted())
            try store.enqueueNotifications(
                [NotificationToQueue(receiver: "hook", groupKey: "g1", payload: [4], log: record("hook", "g1", firing: ["a@1"], resolved: ["b@2"], at: 20))],
                at: at(20))
            store.close()
        }
        let store = try HistoryStore(path: path)
        defer { store.close() }
        #expect(try store.notificationLog() == [
            record("chat", "g2", firing: [], resolved: ["c@3"], at: 10),
            record("hook", "g1", firing: ["a@1"], resolved: ["b@2"], at: 20),
        ])
        #expect(try store.outboxDepth() == ["hook": 2, "team": 1, "chat": 1])
    }

    @Test func goneGroupsAndReceiversAreForgotten() throws {
        let store = try HistoryStore(path: path)
        defer { store.close() }
        try store.enqueueNotifications([
            NotificationToQueue(receiver: "hook", groupKey: "g1", payload: [1], log: record("hook", "g1", firing: ["a@1"], at: 1)),
            NotificationToQueue(receiver: "hook", groupKey: "g2", payload: [1], log: record("hook", "g2", firing: ["b@1"], at: 1)),
            NotificationToQueue(receiver: "old", groupKey: "g1", payload: [1], log: record("old", "g1", firing: ["a@1"], at: 1)),
        ], at: at(1))
        try store.enqueueNotifications([], forgetting: [("hook", "g1")], at: at(2))
        #expect(try store.notificationLog().map(\.groupKey) == ["g2", "g1"])
        #expect(try store.forgetNotificationLog(exceptReceivers: ["hook"]) == 1)
        #expect(try store.notificationLog().map { "\($0.receiver)/\($0.groupKey)" } == ["hook/g2"])
    }
}
