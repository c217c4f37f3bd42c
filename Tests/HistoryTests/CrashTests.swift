import Foundation
@testable import History
import Testing
import TimeSeries

@Suite(.serialized) struct CrashTests {
    let directory = TemporaryDirectory()

    /// Every series has value N at N seconds for N in 0...last, nothing missing, nothing extra.
    func expectCycles(_ data: [SeriesData], series: Int, through last: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(data.count == series, sourceLocation: sourceLocation)
        for item in data {
            #expect(item.timestamps == (0...last).map { Int64($0) * 1000 }, sourceLocation: sourceLocation)
            #expect(item.values == (0...last).map { Double($0) }, sourceLocation: sourceLocation)
        }
    }

    @Test func aKilledWriterLeavesEveryCommittedCycleReadable() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CrashWriter.executable.path),
                     "build the helper first: swift build --build-tests")
        let path = directory.file()
        let writer = try CrashWriter(path: path, series: 300, chunkSamples: 10)
        let committed = writer.wait(forCycle: 150)
        writer.kill()
        try #require(committed >= 150)

        let integrity = try SQLiteConnection(path: path, mode: .readOnly)
        #expect(try integrity.textScalar("PRAGMA integrity_check") == "ok")
        integrity.close()

        let reader = try HistoryReader(path: path)
        let data = try reader.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(10_000))
        // The cycle in flight may or may not have committed; every reported one must be there.
        let last = Int((data.first?.timestamps.last ?? -1000) / 1000)
        #expect(last == committed || last == committed + 1)
        expectCycles(data, series: 300, through: last)

        // A new writer rebuilds its heads from the tail and carries on where the dead one stopped.
        let store = try HistoryStore(path: path, options: HistoryOptions(chunkSamples: 10))
        let next = Int64(last + 1)
        let labels = (0..<300).map { Labels(["__name__": "crash_gauge", "series": "s\($0)"]) }
        let summary = try store.append(labels.map { Sample(labels: $0, value: Double(next), timestamp: Fixture.time(next)) },
                                       at: Fixture.time(next))
        #expect(summary.appended == 300 && summary.newSeries == 0 && summary.outOfOrder == 0)
        expectCycles(try store.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(10_000)),
                     series: 300, through: last + 1)
        #expect(try store.sampleCount == 300 * (last + 2))
    }

    @Test func readersSeeWholeCyclesWhileAnotherProcessWrites() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CrashWriter.executable.path))
        let path = directory.file()
        let writer = try CrashWriter(path: path, series: 200, chunkSamples: 20, maxCycles: 300)
        writer.wait(forCycle: 0)
        let reader = try HistoryReader(path: path)
        var reads = 0
        var lastSeen = -1
        while writer.process.isRunning || reads == 0 {
            let data = try reader.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(10_000))
            let last = Int((data.first?.timestamps.last ?? -1000) / 1000)
            // A snapshot holds whole cycles: every series up to the same cycle, none partly written.
            expectCycles(data, series: 200, through: last)
            #expect(last >= lastSeen)
            lastSeen = last
            reads += 1
            if reads % 10 == 0 { writer.wait(forCycle: writer.lastCommitted + 1) }
        }
        writer.wait(forCycle: 299)
        writer.process.waitUntilExit()
        #expect(writer.process.terminationStatus == 0)
        expectCycles(try reader.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(10_000)), series: 200, through: 299)
        #expect(reads > 5)
    }
}
