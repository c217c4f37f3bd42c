import History
import Testing
import TimeSeries

@Suite struct RetentionTests {
    let directory = TemporaryDirectory()

    @Test func oldChunksAndEmptySeriesGoWhileWritesContinue() throws {
        let options = HistoryOptions(retention: .seconds(100), chunkSamples: 10, idleCut: .seconds(20),
                                     retentionEveryCycles: 5, retentionSeriesPerStep: 2)
        let store = try HistoryStore(path: directory.file(), options: options)
        let steady = Fixture.labels("steady")
        let gone = Fixture.labels("gone")
        for second in Int64(0)..<400 {
            var samples = [Fixture.sample(steady, Double(second), at: second)]
            if second < 50 { samples.append(Fixture.sample(gone, 1, at: second)) }
            let summary = try store.append(samples, at: Fixture.time(second))
            #expect(summary.appended == samples.count)
        }
        let data = try store.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(400))
        #expect(data.count == 1)
        #expect(data.first?.labels == steady)
        // Whole chunks older than 100 s are gone; the rest is intact.
        let first = try #require(data.first?.timestamps.first)
        #expect(first >= 285_000 && first <= 300_000)
        #expect(data.first?.timestamps.last == 399_000)
        #expect(try store.seriesCount == 1)
        #expect(try store.labelNames() == ["__name__"])
        #expect(try store.labelValues(name: "__name__") == ["steady"])
        let stats = try store.stats()
        #expect(stats.sampleCount == data.first?.timestamps.count)
    }
}
