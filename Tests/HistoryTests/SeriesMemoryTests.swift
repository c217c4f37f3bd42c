import History
import Testing
import TimeSeries

/// Memory follows live series: stale series leave memory once the memory window has passed them,
/// stay readable from the file, and keep their id when they report again.
@Suite struct SeriesMemoryTests {
    let directory = TemporaryDirectory()
    let options = HistoryOptions(idleCut: .seconds(20), memoryWindow: .seconds(60))

    static func pid(_ number: Int) -> Labels { Fixture.labels("q", ["pid": "<0.\(number).0>"]) }

    @Test func staleSeriesLeaveMemoryAndStayReadableFromTheFile() throws {
        let path = directory.file()
        let store = try HistoryStore(path: path, options: options)
        let steady = Fixture.labels("steady")
        // 100 new pids a second for 10 s, then only the steady series.
        for second in Int64(0)..<10 {
            let pids = (0..<100).map { Fixture.sample(Self.pid(Int(second) * 100 + $0), 1, at: second) }
            try store.append(pids + [Fixture.sample(steady, Double(second), at: second)], at: Fixture.time(second))
        }
        #expect(store.seriesInMemory == 1001)
        for second in Int64(10)..<100 {
            try store.append([Fixture.sample(steady, Double(second), at: second)], at: Fixture.time(second))
        }
        #expect(store.seriesInMemory == 1, "only the live series stays in memory")
        #expect(try store.seriesCount == 1001, "the file keeps every series")

        let old = try store.select([.equal("__name__", "q")], from: Fixture.time(0), through: Fixture.time(100))
        #expect(old.count == 1000)
        #expect(old.allSatisfy { $0.values == [1] })
        let latest = try store.latestSamples(
            [.equal("__name__", "q")], at: Fixture.time(5), lookback: .seconds(300), keep: { _ in true })
        #expect(latest.count == 600)
        let steadyData = try store.select([.equal("__name__", "steady")], from: Fixture.time(0), through: Fixture.time(100))
        #expect(steadyData.first?.values.count == 100)
    }

    @Test func aSeriesReportingAgainKeepsItsIdAndItsPast() throws {
        let store = try HistoryStore(path: directory.file(), options: options)
        let back = Self.pid(7)
        let steady = Fixture.labels("steady")
        try store.append([Fixture.sample(back, 1, at: 0), Fixture.sample(steady, 0, at: 0)], at: Fixture.time(0))
        for second in Int64(1)..<100 {
            try store.append([Fixture.sample(steady, Double(second), at: second)], at: Fixture.time(second))
        }
        #expect(store.seriesInMemory == 1)
        try store.append([Fixture.sample(back, 2, at: 100), Fixture.sample(steady, 100, at: 100)], at: Fixture.time(100))
        #expect(store.seriesInMemory == 2)
        #expect(try store.seriesCount == 2, "no second row for the same labels")
        let data = try store.select([.equal("pid", "<0.7.0>")], from: Fixture.time(0), through: Fixture.time(100))
        #expect(data.count == 1)
        #expect(data.first?.values == [1, 2])
    }

    @Test func reopeningLoadsOnlyTheLiveSeries() throws {
        let path = directory.file()
        do {
            let store = try HistoryStore(path: path, options: options)
            for second in Int64(0)..<5 {
                try store.append((0..<50).map { Fixture.sample(Self.pid(Int(second) * 50 + $0), 1, at: second) }, at: Fixture.time(second))
            }
            for second in Int64(5)..<100 {
                try store.append([Fixture.sample(Fixture.labels("steady"), 1, at: second)], at: Fixture.time(second))
            }
            store.close()
        }
        let reopened = try HistoryStore(path: path, options: options)
        #expect(reopened.seriesInMemory == 1)
        let old = try reopened.select([.equal("__name__", "q")], from: Fixture.time(0), through: Fixture.time(100))
        #expect(old.count == 250)
        // A new series after reopening gets new label pairs without clashing with the file's.
        try reopened.append([Fixture.sample(Self.pid(100_000), 1, at: 100), Fixture.sample(Self.pid(3), 5, at: 100)], at: Fixture.time(100))
        #expect(try reopened.seriesCount == 252)
    }

    @Test func theBudgetRefusesTheChurningSourceAndKeepsTheSteadyOne() throws {
        var budgeted = options
        budgeted.seriesBudget = SeriesBudget(maxSeries: 300)
        let store = try HistoryStore(path: directory.file(), options: budgeted)
        func cycle(_ second: Int64, churn: Int, steadyPids: Int) throws -> AppendSummary {
            let churning = (0..<churn).map { Fixture.sample(Self.pid(1_000_000 + Int(second) * churn + $0), 1, at: second) }
            let steady = (0..<steadyPids).map { Fixture.sample(Fixture.labels("s", ["pid": "\($0)"]), 1, at: second) }
            return try store.append(churning + steady, at: Fixture.time(second), sources: [
                SampleSource(name: "churn", count: churning.count), SampleSource(name: "steady", count: steady.count),
            ])
        }
        #expect(try cycle(0, churn: 200, steadyPids: 10).refusedSeries.isEmpty)
        let refused = try cycle(1, churn: 200, steadyPids: 11)
        #expect(refused.refusedSeries == ["churn": 200])
        #expect(refused.refusedSamples == 200)
        #expect(refused.appended == 11, "the steady source's new pid is taken")
        #expect(store.seriesInMemory == 211)
        // Churn stops; its series go stale and leave memory; then new series are taken again.
        for second in Int64(2)..<100 { _ = try cycle(second, churn: 0, steadyPids: 11) }
        #expect(store.seriesInMemory == 11)
        #expect(try cycle(100, churn: 200, steadyPids: 11).refusedSeries.isEmpty)
        #expect(store.seriesInMemory == 211)
    }
}
