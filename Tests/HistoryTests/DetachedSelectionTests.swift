@testable import History
import Testing
import TimeSeries

/// A selection is taken while the writer is held and decoded after: what it answers is the
/// history as it was when it was taken, whatever cycles land while it decodes.
@Suite struct DetachedSelectionTests {
    let directory = TemporaryDirectory()

    @Test func cyclesLandingWhileASelectionDecodesDoNotChangeItsAnswer() throws {
        let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 8))
        let series = (0..<50).map { Fixture.labels("q", ["pid": "<0.\($0).0>"]) }
        for second in Int64(0)..<20 {
            try store.append(series.enumerated().map { Fixture.sample($1, Double($0) * 10 + Double(second), at: second) }, at: Fixture.time(second))
        }
        let before = try store.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(100))
        let detached = try store.withWriter { (state) throws(SQLiteError) in try state.detachSelect(Fixture.all, from: 0, through: 100_000) }

        // Heads grow and are cut into chunks while the selection still holds copies of them.
        for second in Int64(20)..<40 {
            try store.append(series.enumerated().map { Fixture.sample($1, -Double(second), at: second) }, at: Fixture.time(second))
        }
        let answer = try detached.decode()
        #expect(answer == before)
        #expect(answer.count == 50 && answer.allSatisfy { $0.timestamps.count == 20 })

        let after = try store.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(100))
        #expect(after.allSatisfy { $0.timestamps.count == 40 && $0.values.last == -39 })
    }
}
