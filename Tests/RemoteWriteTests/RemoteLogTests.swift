import Foundation
import History
import Testing
import TimeSeries

/// The history's commit-ordered log: written in the append's transaction, read per endpoint,
/// trimmed once every endpoint passed, dropped by retention with a count.
@Suite struct RemoteLogTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-remotelog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func store(_ name: String = "h.db", log: Bool = true, retention: PromDuration? = nil) throws -> HistoryStore {
        var options = HistoryOptions(retentionEveryCycles: 1)
        if let retention { options.retention = retention }
        options.remoteWriteLog = log
        return try HistoryStore(path: "\(directory)/\(name)", options: options)
    }

    func sample(_ name: String, _ value: Double, at ms: Int64? = nil) -> Sample {
        Sample(labels: Labels(["__name__": name, "job": "chat"]), value: value, timestamp: ms.map { Timestamp(milliseconds: $0) })
    }

    @Test func logsEveryCommittedSampleInCommitOrder() throws {
        let history = try store()
        defer { history.close() }
        try history.append([sample("a", 1), sample("b", 2)], at: Timestamp(milliseconds: 10_000))
        try history.append([sample("a", 3), sample("b", Sample.staleMarker), sample("c", 7.5, at: 14_000)], at: Timestamp(milliseconds: 15_000))
        try history.append([sample("a", 3)], at: Timestamp(milliseconds: 15_000))  // a duplicate: not committed, not logged
        let log = try RemoteWriteLog(path: history.path, endpoint: "vm")
        defer { log.close() }
        let start = try log.position().position
        let batch = try log.read(from: start, maxSamples: 100)
        let names = try log.labels(of: batch.entries.map(\.seriesID)).mapValues(\.name)
        #expect(batch.entries.map { names[$0.seriesID]! } == ["a", "b", "a", "b", "c"])
        #expect(batch.entries.map(\.timestamp) == [10_000, 10_000, 15_000, 15_000, 14_000])
        #expect(batch.entries[3].value.bitPattern == Sample.staleMarker.bitPattern, "the staleness marker keeps its bits")
        #expect(batch.entries[4].value == 7.5)
        #expect(try log.pendingSamples(from: start) == 5)
    }

    @Test func readsInBatchesAcrossRowsAndTrimsWhatEveryEndpointPassed() throws {
        let history = try store()
        defer { history.close() }
        let first = try RemoteWriteLog(path: history.path, endpoint: "one")
        let second = try RemoteWriteLog(path: history.path, endpoint: "two")
        for cycle in 0..<4 {
            try history.append((0..<3).map { sample("s\($0)", Double(cycle)) }, at: Timestamp(milliseconds: Int64(cycle + 1) * 1000))
        }
        var position = try first.position().position
        var values: [Double] = []
        while true {
            let batch = try first.read(from: position, maxSamples: 5)
            if batch.entries.isEmpty { break }
            values += batch.entries.map(\.value)
            try first.advance(to: batch.end)
            position = batch.end
        }
        #expect(values == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], "partial rows continue where the last batch stopped")
        #expect(try second.pendingSamples(from: second.position().position) == 12, "rows stay while an endpoint still needs them")
        let all = try second.read(from: second.position().position, maxSamples: 100)
        try second.advance(to: all.end)
        let reopened = try RemoteWriteLog(path: history.path, endpoint: "one")
        #expect(try reopened.read(from: RemoteWriteLog.Position(seq: 0, index: 0), maxSamples: 100).entries.isEmpty,
                "rows every endpoint passed are deleted")
        #expect(try reopened.position().position == position, "the position survives a reopen")
    }

    @Test func aRemovedEndpointNoLongerHoldsRows() throws {
        let history = try store()
        defer { history.close() }
        let kept = try RemoteWriteLog(path: history.path, endpoint: "kept")
        _ = try RemoteWriteLog(path: history.path, endpoint: "gone")
        try history.append([sample("a", 1)], at: Timestamp(milliseconds: 1000))
        try RemoteWriteLog.keepOnly(endpoints: ["kept"], path: history.path)
        let batch = try kept.read(from: kept.position().position, maxSamples: 10)
        try kept.advance(to: batch.end)
        #expect(try kept.read(from: RemoteWriteLog.Position(seq: 0, index: 0), maxSamples: 10).entries.isEmpty)
    }

    @Test func retentionDropsOldRowsAndCountsWhatAnEndpointMissed() throws {
        let history = try store(retention: .seconds(60))
        defer { history.close() }
        let log = try RemoteWriteLog(path: history.path, endpoint: "slow")
        try history.append([sample("a", 1), sample("b", 1)], at: Timestamp(milliseconds: 1000))
        try history.append([sample("a", 2), sample("b", 2)], at: Timestamp(milliseconds: 2000))
        // The endpoint sent one sample of the first row before falling behind.
        let one = try log.read(from: log.position().position, maxSamples: 1)
        try log.advance(to: one.end)
        try history.append([sample("a", 3), sample("b", 3)], at: Timestamp(milliseconds: 200_000))
        let state = try log.position()
        #expect(state.dropped == 3, "the unsent sample of row 1 and both of row 2")
        let rest = try log.read(from: one.end, maxSamples: 10)
        #expect(rest.entries.map(\.value) == [3, 3], "what retention kept is still sent")
    }

    @Test func aStoreWithoutRemoteWriteKeepsNoLog() throws {
        let history = try store("plain.db", log: true)
        try history.append([sample("a", 1)], at: Timestamp(milliseconds: 1000))
        history.close()
        let plain = try store("plain.db", log: false)
        try plain.append([sample("a", 2)], at: Timestamp(milliseconds: 2000))
        plain.close()
        let again = try store("plain.db", log: true)
        defer { again.close() }
        let log = try RemoteWriteLog(path: again.path, endpoint: "late")
        #expect(try log.read(from: log.position().position, maxSamples: 10).entries.isEmpty, "the old log went with the option")
        try again.append([sample("a", 3)], at: Timestamp(milliseconds: 3000))
        #expect(try log.read(from: log.position().position, maxSamples: 10).entries.map(\.value) == [3])
    }
}
