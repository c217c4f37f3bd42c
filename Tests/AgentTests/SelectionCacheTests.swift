@testable import Agent
import Foundation
import History
import Query
import Testing
import TimeSeries

/// `HistorySeriesReader`'s kept selections (`SelectionCache`) and widened reads
/// (`SelectionSpans`) give the same answers as plain reads, and never outlive a write.
@Suite struct SelectionCacheTests {
    let directory = NSTemporaryDirectory() + "backlog-selection-cache-\(UUID().uuidString)"

    init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    static let queue = [LabelMatcher.equal(Labels.metricName, "q")]

    func store(seconds: Range<Int64>) throws -> HistoryStore {
        let store = try HistoryStore(path: directory + "/\(UUID().uuidString).db", options: HistoryOptions(chunkSamples: 7))
        for second in seconds { try append(second, to: store) }
        return store
    }

    func append(_ second: Int64, to store: HistoryStore) throws {
        let samples = (0..<4).map { pid in
            Sample(
                labels: Labels(["__name__": "q", "pid": "p\(pid)"]), value: Double(second * Int64(pid + 1)),
                timestamp: Timestamp(milliseconds: second * 1000))
        }
        try store.append(samples, at: Timestamp(milliseconds: second * 1000))
    }

    /// What the engine sees of a selection: each series' samples in `from...through`, series
    /// without any left out (the reader may hand over more; the engine ignores it).
    static func seen(_ series: [StoredSeries], from: Int64, through: Int64) -> [String] {
        series.compactMap { stored in
            let kept = stored.timestamps.indices.filter { stored.timestamps[$0] >= from && stored.timestamps[$0] <= through }
            guard !kept.isEmpty else { return nil }
            return "\(stored.labels) " + kept.map { "\(stored.timestamps[$0])=\(stored.values[$0].bitPattern)" }.joined(separator: ",")
        }
    }

    @Test func keptAndWidenedReadsAnswerAsPlainReads() throws {
        let store = try store(seconds: 0..<100)
        defer { store.close() }
        let spans = SelectionSpans()
        let plain = HistorySeriesReader(store, cache: SelectionCache(byteBudget: 0))
        // Two evaluations, as the agent makes them: the second widens its first read from what the first noted.
        for now in [Int64(98_000), 99_000] {
            let reader = HistorySeriesReader(store, spans: spans)
            for (from, through) in [(now - 10_000, now), (now - 60_000, now), (now - 5_000, now), (now - 60_000, now), (now, now), (now - 30_000, now - 20_000)] {
                let cached = try reader.series(matching: Self.queue, from: Timestamp(milliseconds: from), through: Timestamp(milliseconds: through))
                let fresh = try plain.series(matching: Self.queue, from: Timestamp(milliseconds: from), through: Timestamp(milliseconds: through))
                #expect(Self.seen(cached, from: from, through: through) == Self.seen(fresh, from: from, through: through), "\(from)...\(through)")
                #expect(!Self.seen(fresh, from: from, through: through).isEmpty)
            }
        }
    }

    @Test func aReadAfterAWriteSeesTheWrite() throws {
        let store = try store(seconds: 0..<20)
        defer { store.close() }
        // One reader kept across a write, which the agent does not do, but a caller might.
        let reader = HistorySeriesReader(store)
        let window = (Timestamp(milliseconds: 0), Timestamp(milliseconds: 30_000))
        let before = try reader.series(matching: Self.queue, from: window.0, through: window.1)
        #expect(before.allSatisfy { $0.timestamps.last == 19_000 })
        #expect(try reader.series(matching: Self.queue, from: window.0, through: window.1).map(ObjectIdentifier.init)
            == before.map(ObjectIdentifier.init), "kept while nothing changed")
        try append(20, to: store)
        let after = try reader.series(matching: Self.queue, from: window.0, through: window.1)
        #expect(after.allSatisfy { $0.timestamps.last == 20_000 })
    }

    @Test func anEvaluationKeepsItsSelectionsWhileLaterCyclesLand() throws {
        let store = try store(seconds: 0..<20)
        defer { store.close() }
        // A group off the poll path evaluating as of second 19 while second 20 is stored.
        let reader = HistorySeriesReader(EvaluationSnapshot(store))
        let window = (Timestamp(milliseconds: 0), Timestamp(milliseconds: 19_000))
        let before = try reader.series(matching: Self.queue, from: window.0, through: window.1)
        try append(20, to: store)
        let after = try reader.series(matching: Self.queue, from: window.0, through: window.1)
        #expect(after.map(ObjectIdentifier.init) == before.map(ObjectIdentifier.init), "not read again")
        #expect(Self.seen(after, from: 0, through: 19_000) == Self.seen(before, from: 0, through: 19_000))
    }

    @Test func aSelectionOverTheBudgetIsNotKept() throws {
        let store = try store(seconds: 0..<20)
        defer { store.close() }
        let generation = try #require(store.writeGeneration)
        let series = try HistorySeriesReader(store, cache: SelectionCache(byteBudget: 0))
            .series(matching: Self.queue, from: Timestamp(milliseconds: 0), through: Timestamp(milliseconds: 19_000))
        let bytes = SelectionCache.estimatedBytes(series)
        let small = SelectionCache(byteBudget: bytes - 1)
        small.keep(series, matching: Self.queue, from: 0, through: 19_000, generation: generation)
        #expect(small.series(matching: Self.queue, from: 0, through: 19_000, generation: generation) == nil)
        let large = SelectionCache(byteBudget: bytes)
        large.keep(series, matching: Self.queue, from: 0, through: 19_000, generation: generation)
        #expect(large.series(matching: Self.queue, from: 5_000, through: 19_000, generation: generation)?.count == series.count)
        // Not for a wider window, another store generation or other matchers.
        #expect(large.series(matching: Self.queue, from: -1, through: 19_000, generation: generation) == nil)
        #expect(large.series(matching: Self.queue, from: 0, through: 19_001, generation: generation) == nil)
        #expect(large.series(matching: Self.queue, from: 0, through: 19_000, generation: generation + 1) == nil)
        #expect(large.series(matching: [.equal(Labels.metricName, "r")], from: 0, through: 19_000, generation: generation) == nil)
    }

    @Test func spansWidenToTheWidestReadAndForgetItAnEvaluationLater() {
        let spans = SelectionSpans()
        // First evaluation: nothing known, reads as asked.
        #expect(spans.start(for: Self.queue, from: 40_000, through: 100_000) == 40_000)
        #expect(spans.start(for: Self.queue, from: 0, through: 100_000) == 0)
        #expect(spans.start(for: Self.queue, from: 90_000, through: 100_000) == 0, "widest of this evaluation")
        // The next evaluation widens its first read to the widest of the one before.
        #expect(spans.start(for: Self.queue, from: 50_000, through: 110_000) == 10_000)
        // One that no longer reads 100 s: back to what it asks one evaluation later.
        #expect(spans.start(for: Self.queue, from: 60_000, through: 120_000) == 60_000)
        // Other matchers are their own; far-away windows do not overflow.
        #expect(spans.start(for: [.equal(Labels.metricName, "r")], from: 5, through: 10) == 5)
        #expect(spans.start(for: [.equal(Labels.metricName, "s")], from: .min, through: .max) == .min)
        #expect(spans.start(for: [.equal(Labels.metricName, "s")], from: -10, through: -5) == .min)
    }
}
