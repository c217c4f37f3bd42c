import Foundation
@testable import History
import Testing
import TimeSeries

@Suite struct FileErrorTests {
    let directory = TemporaryDirectory()

    func openError(_ open: () throws(HistoryError) -> Void) -> HistoryError? {
        do {
            try open()
            return nil
        } catch {
            return error
        }
    }

    @Test func aTextFileIsForeign() throws {
        let path = directory.file("notes.txt")
        try "groups:\n  - name: chat\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(openError { () throws(HistoryError) in _ = try HistoryStore(path: path) })
        #expect(error.kind == .foreign)
        #expect(error.description.contains(path))
        #expect(error.description.contains("not a backlog history file"))
        #expect(openError { () throws(HistoryError) in _ = try HistoryReader(path: path) }?.kind == .foreign)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("groups:"))
    }

    @Test func anotherProgramsDatabaseIsForeign() throws {
        let path = directory.file("other.db")
        let other = try SQLiteConnection(path: path, mode: .readWriteCreate)
        try other.execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')")
        other.close()
        let error = try #require(openError { () throws(HistoryError) in _ = try HistoryStore(path: path) })
        #expect(error.kind == .foreign)
        #expect(error.description.contains("another program"))
    }

    @Test func anotherSchemaVersionIsNamed() throws {
        let path = directory.file()
        try HistoryStore(path: path).close()
        let raw = try SQLiteConnection(path: path, mode: .readWrite)
        try raw.execute("PRAGMA user_version = 7")
        raw.close()
        let error = try #require(openError { () throws(HistoryError) in _ = try HistoryReader(path: path) })
        #expect(error.kind == .unsupportedVersion(found: 7, supported: 1))
        #expect(error.description.contains("version 7"))
    }

    @Test func aCorruptFileIsReportedAsCorrupt() throws {
        let path = directory.file()
        do {
            let store = try HistoryStore(path: path)
            try store.append([Fixture.sample(Fixture.labels("x"), 1, at: 1)], at: Fixture.time(1))
            try store.flush()
            store.close()
        }
        // Keep SQLite's header, destroy the rest of the first page.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for index in 16..<min(bytes.count, 4096) { bytes[index] = 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(openError { () throws(HistoryError) in _ = try HistoryStore(path: path) })
        #expect(error.kind == .corrupt)
        #expect(error.description.contains(path))
        #expect(error.description.contains("corrupt"))
        #expect(openError { () throws(HistoryError) in _ = try HistoryReader(path: path) }?.kind == .corrupt)
    }

    @Test func aSecondWriterIsToldWhoHoldsTheFile() throws {
        let path = directory.file()
        let first = try HistoryStore(path: path)
        let error = try #require(openError { () throws(HistoryError) in _ = try HistoryStore(path: path) })
        #expect(error.kind == .locked(pid: getpid()))
        #expect(error.description.contains("another backlog agent is writing \(path) (pid \(getpid()))"))
        // Readers are not locked out, and the lock goes with the writer.
        _ = try HistoryReader(path: path)
        first.close()
        _ = try HistoryStore(path: path)
    }

    @Test func aReadOnlyLocationIsNamed() throws {
        // sysfs refuses new files even to root, so this holds however the tests run.
        let path = "/sys/backlog-history-test.db"
        let error = try #require(openError { () throws(HistoryError) in _ = try HistoryStore(path: path) })
        #expect(error.kind == .readOnly)
        #expect(error.description.contains("cannot write \(path)"))
        #expect(error.description.contains("read-only"))
    }

    @Test func aMissingFileIsNotFoundForReaders() {
        let error = openError { () throws(HistoryError) in _ = try HistoryReader(path: directory.file("absent.db")) }
        #expect(error?.kind == .notFound)
    }

    @Test func diskFullFailsTheCycleAndKeepsMemoryConsistent() throws {
        let path = directory.file()
        let store = try HistoryStore(path: path, options: HistoryOptions(chunkSamples: 20))
        let labels = (0..<50).map { Fixture.labels("g", ["pid": "\($0)", "padding": String(repeating: "x", count: 200)]) }
        // Every cycle also brings one new series with long labels, so the file must grow.
        func cycle(_ second: Int64) -> [Sample] {
            let newcomer = Fixture.labels("new", ["n": "\(second)", "padding": String(repeating: "y", count: 300)])
            return (labels + [newcomer]).map { Fixture.sample($0, Double(second % 9), at: second) }
        }
        for second in Int64(0)..<30 { try store.append(cycle(second), at: Fixture.time(second)) }
        let before = try store.stats()
        try store.limitPages(to: Int(try store.pageCount()))
        var failures = 0
        var second: Int64 = 30
        var lastError: HistoryError?
        while failures == 0, second < 200 {
            do {
                try store.append(cycle(second), at: Fixture.time(second))
                second += 1
            } catch {
                failures += 1
                lastError = error
            }
        }
        let error = try #require(lastError)
        #expect(error.kind == .diskFull)
        #expect(error.description.contains("disk full while writing \(path)"))
        #expect(error.description.contains("free space or lower retention"))
        #expect(error.samplesNotStored == labels.count + 1)
        // The failed cycle left nothing behind; after space frees up the same cycle goes in.
        let gauges = [LabelMatcher.equal("__name__", "g")]
        let stored = try store.select(gauges, from: Fixture.time(0), through: Fixture.time(300))
        #expect(stored.allSatisfy { $0.timestamps.last == (second - 1) * 1000 })
        #expect(try store.seriesCount == labels.count + Int(second))
        try store.limitPages(to: 1_000_000)
        let retried = try store.append(cycle(second), at: Fixture.time(second))
        #expect(retried.appended == labels.count + 1)
        #expect(retried.newSeries == 1)
        #expect(try store.sampleCount == before.sampleCount + Int(second - 30 + 1) * (labels.count + 1))
        store.close()
        let reopened = try HistoryReader(path: path)
        let data = try reopened.select(gauges, from: Fixture.time(0), through: Fixture.time(300))
        #expect(data.count == labels.count)
        #expect(data.allSatisfy { $0.timestamps == (0...second).map { $0 * 1000 } })
        #expect(try reopened.seriesCount == labels.count + Int(second) + 1)
    }
}
