@testable import History
import Testing
import TimeSeries

@Suite struct StoreTests {
    let directory = TemporaryDirectory()

    func gauge(_ index: Int) -> Labels { Fixture.labels("mailbox", ["pid": "<0.\(index).0>", "node": "n\(index % 2)"]) }

    /// Appends `cycles` cycles of `series` series, value = cycle * 10 + series.
    func fill(_ store: HistoryStore, series: Int, cycles: Range<Int64>) throws {
        for cycle in cycles {
            let samples = (0..<series).map { Fixture.sample(gauge($0), Double(cycle * 10) + Double($0), at: cycle) }
            try store.append(samples, at: Fixture.time(cycle))
        }
    }

    func expectComplete(_ reader: some HistoryReading, series: Int, cycles: Range<Int64>,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try reader.select(Fixture.all, from: Fixture.time(cycles.lowerBound), through: Fixture.time(cycles.upperBound - 1))
        #expect(found.count == series, sourceLocation: sourceLocation)
        for data in found {
            let index = Int(data.labels["pid"]!.dropFirst(3).prefix { $0 != "." })!
            #expect(data.timestamps == cycles.map { $0 * 1000 }, sourceLocation: sourceLocation)
            #expect(data.values == cycles.map { Double($0 * 10) + Double(index) }, sourceLocation: sourceLocation)
        }
    }

    @Test func selectSpansChunksTailAndHeads() throws {
        let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 10))
        try fill(store, series: 5, cycles: 0..<37)
        let stats = try store.stats()
        // First chunks end at 5...9 samples by series id (staggered cuts), later ones at 10.
        // Series 1...5 cut first at 6, 7, 8, 9, 5 samples: 4 + 3 + 3 + 3 + 4 chunks, heads of 1, 10, 9, 8, 2.
        #expect(stats.chunkCount == 17)
        #expect(stats.sampleCount == 5 * 37)
        #expect(stats.headSamples == 30)
        try expectComplete(store, series: 5, cycles: 0..<37)
        // A range inside one chunk, one across the chunk/head boundary, one in the head only.
        try expectComplete(store, series: 5, cycles: 12..<17)
        try expectComplete(store, series: 5, cycles: 25..<33)
        try expectComplete(store, series: 5, cycles: 31..<37)
        let reader = try HistoryReader(path: directory.file())
        try expectComplete(reader, series: 5, cycles: 0..<37)
    }

    @Test func reopeningRebuildsHeadsFromTheTail() throws {
        do {
            let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 10))
            try fill(store, series: 4, cycles: 0..<25)
            store.close()
        }
        let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 10))
        #expect(try store.seriesCount == 4)
        #expect(try store.sampleCount == 100)
        // The rebuilt heads know the last timestamps: an old sample is out of order, a new one continues.
        let late = try store.append([Fixture.sample(gauge(0), 1, at: 3)], at: Fixture.time(25))
        #expect(late.outOfOrder == 1)
        try fill(store, series: 4, cycles: 25..<40)
        try expectComplete(store, series: 4, cycles: 0..<40)
        store.close()
        try expectComplete(try HistoryReader(path: directory.file()), series: 4, cycles: 0..<40)
    }

    @Test func flushWritesHeadsAndEmptiesTheTail() throws {
        let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 10))
        try fill(store, series: 3, cycles: 0..<15)
        try store.flush()
        let stats = try store.stats()
        #expect(stats.headSamples == 0)
        #expect(stats.tailCycles == 0)
        #expect(stats.sampleCount == 45)
        try fill(store, series: 3, cycles: 15..<20)
        try expectComplete(store, series: 3, cycles: 0..<20)
    }

    @Test func aSeriesReportingNowAndThenDoesNotHoldTheTailOpen() throws {
        var options = HistoryOptions(chunkSamples: 10)
        options.maxHeadSpan = .seconds(12)
        let store = try HistoryStore(path: directory.file(), options: options)
        let steady = gauge(0)
        let sporadic = gauge(1)
        for second in Int64(0)..<40 {
            var samples = [Fixture.sample(steady, Double(second), at: second)]
            // Every fifth second: never idle, never a full chunk.
            if second % 5 == 0 { samples.append(Fixture.sample(sporadic, Double(second), at: second)) }
            try store.append(samples, at: Fixture.time(second))
        }
        // Without the span bound the sporadic head would stay open, and the tail with it, for all 40 cycles.
        let stats = try store.stats()
        #expect(stats.tailCycles <= 13, "the tail spans \(stats.tailCycles) cycles")
        let sporadicSeconds: [Int64] = [0, 5, 10, 15, 20, 25, 30, 35]
        for reading in [store as any HistoryReading, try HistoryReader(path: directory.file())] {
            let found = try reading.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(39))
            let bySeries = Dictionary(uniqueKeysWithValues: found.map { ($0.labels, $0) })
            #expect(bySeries[steady]?.timestamps == (0..<40).map { $0 * 1000 }, "every steady sample is kept")
            #expect(bySeries[sporadic]?.timestamps == sporadicSeconds.map { $0 * 1000 }, "every sporadic sample is kept")
            #expect(bySeries[sporadic]?.values == sporadicSeconds.map(Double.init))
        }
    }

    @Test func outOfOrderAndDuplicatesAreCountedAsPrometheusDoes() throws {
        let store = try HistoryStore(path: directory.file())
        let series = gauge(1)
        var summary = try store.append([Fixture.sample(series, 5, at: 10)], at: Fixture.time(10))
        #expect(summary.appended == 1 && summary.newSeries == 1)
        summary = try store.append(
            [Fixture.sample(series, 5, at: 10), Fixture.sample(series, 6, at: 10), Fixture.sample(series, 1, at: 9),
             Fixture.sample(series, 7, at: 11), Fixture.sample(series, 8, at: 11), Fixture.sample(series, 9, at: 12)],
            at: Fixture.time(12))
        #expect(summary.appended == 2)
        #expect(summary.repeated == 1)
        #expect(summary.duplicates == 2)
        #expect(summary.outOfOrder == 1)
        #expect(summary.total == 6)
        let stats = try store.stats()
        #expect(stats.outOfOrderRejected == 1)
        #expect(stats.duplicatesRejected == 2)
        let data = try store.select([.equal("pid", "<0.1.0>")], from: Fixture.time(0), through: Fixture.time(20))
        #expect(data.first?.timestamps == [10_000, 11_000, 12_000])
        #expect(data.first?.values == [5, 7, 9])
    }

    @Test func importSortsPerSeriesAndReportsProgress() throws {
        let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 50))
        var samples: [Sample] = []
        for second in (0..<300).shuffled() {
            for index in 0..<3 { samples.append(Fixture.sample(gauge(index), Double(second % 7), at: Int64(second))) }
        }
        samples.append(Sample(labels: gauge(0), value: 1))
        samples.append(Fixture.sample(gauge(0), 99, at: 5))
        var reports: [(Int, Int)] = []
        let summary = try store.importSamples(samples, batchSamples: 400) { reports.append(($0, $1)) }
        #expect(summary.imported == 900)
        #expect(summary.withoutTimestamp == 1)
        #expect(summary.duplicates == 1)
        #expect(summary.newSeries == 3)
        #expect(reports.last?.0 == 901 && reports.last?.1 == 901)
        #expect(reports.map(\.0) == [601, 901])
        let data = try store.select([.equal("pid", "<0.2.0>")], from: Fixture.time(0), through: Fixture.time(400))
        #expect(data.first?.timestamps == (0..<300).map { Int64($0) * 1000 })
        #expect(data.first?.values == (0..<300).map { Double($0 % 7) })
        // Live appends continue behind the imported data.
        let live = try store.append([Fixture.sample(gauge(2), 1, at: 299), Fixture.sample(gauge(2), 1, at: 300)], at: Fixture.time(300))
        #expect(live.appended == 1 && live.repeated == 0 && live.duplicates == 1)
    }
}
