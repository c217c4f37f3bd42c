import Ranking
import Testing
import TimeSeries

/// How the ranking names what it ranks: a registered name, else the process's type and pid.
@Suite struct EntityNameTests {
    func series(_ labels: [String: String]) -> BacklogSeries {
        BacklogSeries(labels: Labels(labels.merging(["__name__": "erlang_process_message_queue_len", "instance": "chat3:9199"]) { $1 }),
                      node: "chat3@host", timestamps: [1_000], values: [400])
    }

    @Test func aRegisteredProcessGoesByItsName() {
        let named = series(["name": "chat_router", "pid": "<0.212.0>", "initial_call": "chat_router:init/1"])
        #expect(named.entityName(["name", "pid"]) == "chat_router")
    }

    @Test func anUnregisteredProcessGoesByItsTypeAndPid() throws {
        let session = series(["name": "", "pid": "<0.176.0>", "initial_call": "chat_session:init/1"])
        #expect(session.entityName(["name", "pid"]) == "chat_session:init/1 <0.176.0>")
        let entry = try #require(BottleneckRanking.rank([session], threshold: 10_000, entity: ["name", "pid"], at: Timestamp(milliseconds: 1_000)).first)
        #expect(entry.entity == "chat_session:init/1 <0.176.0>")
        #expect(entry.reason.hasPrefix("chat_session:init/1 <0.176.0> on chat3@host: 400 queued"))
    }

    @Test func withoutATypeThePidIsAllThereIs() {
        #expect(series(["pid": "<0.176.0>"]).entityName(["name", "pid"]) == "<0.176.0>")
    }
}
