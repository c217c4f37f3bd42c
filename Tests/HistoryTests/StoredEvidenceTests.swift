import History
import Testing
import TimeSeries

/// The evidence fetched for alerts, kept in the history file beside the samples.
@Suite struct StoredEvidenceTests {
    let directory = TemporaryDirectory()

    func evidence(_ pid: String, name: String = "", at seconds: Int64, verdict: String = "stuck") -> StoredEvidence {
        StoredEvidence(
            target: "chat3:9199", pid: pid, name: name, fetchedAt: Fixture.time(seconds), alert: "HighBacklog", verdict: verdict,
            verdictReason: "waiting at 3 reductions/s", json: #"{"pid":"\#(pid)","status":"waiting","message_queue_len":9}"#)
    }

    @Test func theNewestEvidenceOfAProcessIsFoundByPidOrName() throws {
        let path = directory.file()
        let store = try HistoryStore(path: path)
        try store.recordEvidence(evidence("<0.212.0>", name: "chat_router", at: 10, verdict: "slow"))
        try store.recordEvidence(evidence("<0.212.0>", name: "chat_router", at: 20))
        try store.recordEvidence(evidence("<0.300.0>", at: 15))
        #expect(try store.latestEvidence(target: "chat3:9199", pid: "<0.212.0>", name: nil) == evidence("<0.212.0>", name: "chat_router", at: 20))
        store.close()

        let reader = try HistoryReader(path: path)
        defer { reader.close() }
        #expect(try reader.latestEvidence(target: "chat3:9199", pid: nil, name: "chat_router")?.fetchedAt == Fixture.time(20))
        #expect(try reader.latestEvidence(target: "chat1:9199", pid: "<0.212.0>", name: nil) == nil, "another target")
        #expect(try reader.latestEvidencePerProcess().map(\.pid) == ["<0.212.0>", "<0.300.0>"], "one per process, newest first")
    }

    @Test func retentionDeletesEvidenceAsOldAsTheSamplesItDeletes() throws {
        let options = HistoryOptions(retention: .seconds(100), retentionEveryCycles: 5)
        let store = try HistoryStore(path: directory.file(), options: options)
        defer { store.close() }
        try store.recordEvidence(evidence("<0.1.0>", at: 10))
        try store.recordEvidence(evidence("<0.2.0>", at: 250))
        for second in Int64(0)..<300 { _ = try store.append([Fixture.sample(Fixture.labels("q"), 1, at: second)], at: Fixture.time(second)) }
        #expect(try store.latestEvidence(target: "chat3:9199", pid: "<0.1.0>", name: nil) == nil)
        #expect(try store.latestEvidence(target: "chat3:9199", pid: "<0.2.0>", name: nil) != nil)
    }
}
