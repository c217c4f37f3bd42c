@testable import History
import TestSupport
import Testing
import TimeSeries

/// The writer's in-memory reads (`HistoryStore.select`, `latestSamples`) against the SQL path
/// (`HistoryReader` on the same file) over random histories: series coming and going, staleness
/// markers, chunk cuts, retention, imports, flushes and restarts.
@Suite struct MemoryReadTests {
    let directory = TemporaryDirectory()
    static let staleMarker = Double(bitPattern: 0x7FF0_0000_0000_0002)
    /// Short retention and window, so both move many times in a test; a window longer than the
    /// retention makes retention, not the window, drop in-memory chunks.
    func options(window: Int64) -> HistoryOptions {
        HistoryOptions(
            retention: .seconds(150), chunkSamples: 8, idleCut: .seconds(12), maxTailCycles: 40, retentionEveryCycles: 4,
            retentionSeriesPerStep: 3, memoryWindow: .seconds(window))
    }

    static func labels(_ index: Int) -> Labels {
        var extra = ["pod": "p\(index % 5)"]
        if index % 3 != 0 { extra["zone"] = index % 2 == 0 ? "a" : "b" }
        return Fixture.labels(index % 4 == 0 ? "queue" : "mailbox", extra)
    }

    static let matcherSets: [[LabelMatcher]] = [
        Fixture.all,
        [try! LabelMatcher(Labels.metricName, .equal, "mailbox")],
        [try! LabelMatcher(Labels.metricName, .equal, "queue"), try! LabelMatcher("pod", .regexMatch, "p[13]")],
        [try! LabelMatcher("zone", .equal, "")],
        [try! LabelMatcher("zone", .notEqual, "a")],
        [try! LabelMatcher(Labels.metricName, .regexMatch, "m.*"), try! LabelMatcher("zone", .regexNoMatch, "b")],
        [try! LabelMatcher("pod", .equal, "nope")],
    ]

    /// One cycle: each live series gets a sample (sometimes two), appearing and disappearing
    /// series are marked stale, with gaps now and then. Series 13 stops early and series 12 is
    /// away for longer than the retention, so retention drops both and 12 comes back as a new series.
    func cycle(_ second: Int64, step: Int, live: inout Set<Int>, random: inout SplitMix64) -> [Sample] {
        var samples: [Sample] = []
        for index in 0..<14 {
            let wasLive = live.contains(index)
            let flip = Int.random(in: 0..<100, using: &random) < 4
            let isLive = index == 13 ? step < 50 : index == 12 ? step < 60 || step > 300 : flip ? !wasLive : wasLive
            if isLive { live.insert(index) } else { live.remove(index) }
            if wasLive && !isLive {
                samples.append(Fixture.sample(Self.labels(index), Self.staleMarker, at: second))
            } else if isLive, Int.random(in: 0..<10, using: &random) > 0 {
                let value = index % 2 == 0 ? Double(Int.random(in: 0..<200, using: &random)) : Double.random(in: 0..<1, using: &random)
                // Series 5 gets two samples a cycle, so its heads are rebuilt sample by sample.
                if index == 5 { samples.append(Sample(labels: Self.labels(index), value: value - 1, timestamp: Timestamp(milliseconds: second * 1000 - 500))) }
                samples.append(Fixture.sample(Self.labels(index), value, at: second))
            }
        }
        return samples
    }

    func compare(_ store: HistoryStore, _ reader: HistoryReader, at second: Int64, random: inout SplitMix64,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let now = second * 1000
        var windows: [(Int64, Int64)] = [(now - 30_000, now), (now - 5_000, now), (now, now), (now - 300_000, now), (0, now + 10_000),
                                         (now - 60_000, now - 20_000), (now + 1, now + 5_000), (now, now - 1)]
        for _ in 0..<4 {
            let from = Int64.random(in: max(0, now - 200_000)...now, using: &random)
            windows.append((from, Int64.random(in: from...(now + 2_000), using: &random)))
        }
        for matchers in Self.matcherSets {
            for (from, through) in windows {
                let memory = try store.select(matchers, from: Timestamp(milliseconds: from), through: Timestamp(milliseconds: through))
                let file = try reader.select(matchers, from: Timestamp(milliseconds: from), through: Timestamp(milliseconds: through))
                #expect(memory == file, "select \(matchers) \(from)...\(through) at \(second)", sourceLocation: sourceLocation)
            }
            for (time, lookback) in [(now, Int64(300_000)), (now, 3_000), (now - 7_000, 20_000), (now - 100_000, 300_000)] {
                let threshold = Double.random(in: 0..<100, using: &random)
                let keep: (Double) -> Bool = { $0.bitPattern != Self.staleMarker.bitPattern && !($0 < threshold) }
                let memory = try store.latestSamples(matchers, at: Timestamp(milliseconds: time), lookback: PromDuration(milliseconds: lookback), keep: keep)
                let file = try reader.latestSamples(matchers, at: Timestamp(milliseconds: time), lookback: PromDuration(milliseconds: lookback), keep: keep)
                #expect(memory == file, "latest \(matchers) at \(time) lookback \(lookback) at \(second)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test(arguments: [(UInt64(1), Int64(40)), (2, 40), (3, 400), (4, 0)])
    func memoryReadsMatchTheFile(seed: UInt64, window: Int64) throws {
        let options = options(window: window)
        var random = SplitMix64(seed: seed)
        var store = try HistoryStore(path: directory.file(), options: options)
        var reader = try HistoryReader(path: directory.file())
        var live = Set(0..<10)
        var second: Int64 = 1000
        for step in 0..<420 {
            second += Int.random(in: 0..<12, using: &random) == 0 ? 9 : 1
            try store.append(cycle(second, step: step, live: &live, random: &random), at: Fixture.time(second))
            if step == 290 {
                // Retention dropped the series that left, from memory as from the file.
                for gone in [[try LabelMatcher("pod", .equal, "p2"), try LabelMatcher("zone", .equal, "")],
                             [try LabelMatcher("pod", .equal, "p3"), try LabelMatcher("zone", .equal, "b")]] {
                    #expect(try store.select(gone, from: Fixture.time(0), through: Fixture.time(second)).isEmpty)
                    #expect(try reader.select(gone, from: Fixture.time(0), through: Fixture.time(second)).isEmpty)
                }
                #expect(try store.seriesCount == reader.seriesCount)
            }
            if step % 7 == 0 { try compare(store, reader, at: second, random: &random) }
            if step == 150 || step == 330 {
                // A restart: memory starts empty and reads older than the reopened heads go to the file.
                store.close()
                reader.close()
                store = try HistoryStore(path: directory.file(), options: options)
                reader = try HistoryReader(path: directory.file())
                try compare(store, reader, at: second, random: &random)
            }
            if step == 240 { try store.flush() }
            if step == 260 {
                // Imported samples land only in the file, older than what memory holds.
                let older = (0..<20).map { Fixture.sample(Self.labels(3), Double($0), at: second - 100 + Int64($0) * 3) }
                try store.importSamples(older + [Fixture.sample(Self.labels(20), 1, at: second - 50)])
                try compare(store, reader, at: second, random: &random)
            }
        }
        try compare(store, reader, at: second, random: &random)
        // The comparisons above did read memory: recent windows of most series are there (with
        // no window, only the open heads are).
        if window > 0 { #expect(store.seriesServedFromMemory(from: Fixture.time(second - 30)) >= 8) }
    }

    @Test func memoryServesRecentWindowsAndRefillsAfterARestart() throws {
        let options = HistoryOptions(chunkSamples: 10, memoryWindow: .seconds(60))
        let series = (0..<6).map { Fixture.labels("q", ["pod": "p\($0)"]) }
        do {
            let store = try HistoryStore(path: directory.file(), options: options)
            for second in Int64(0)..<100 { try store.append(series.map { Fixture.sample($0, Double(second), at: second) }, at: Fixture.time(second)) }
            // Chunks that ended within the last 60 s are in memory, older ones only in the file.
            #expect(store.seriesServedFromMemory(from: Fixture.time(39)) == 6)
            #expect(store.seriesServedFromMemory(from: Fixture.time(20)) == 0)
            store.close()
        }
        let store = try HistoryStore(path: directory.file(), options: options)
        // After a restart only the reopened heads are in memory: recent windows only, older ones go to the file.
        #expect(store.seriesServedFromMemory(from: Fixture.time(99)) == 6)
        #expect(store.seriesServedFromMemory(from: Fixture.time(50)) == 0)
        for second in Int64(100)..<200 { try store.append(series.map { Fixture.sample($0, Double(second), at: second) }, at: Fixture.time(second)) }
        // The window moves on: chunks older than 60 s leave memory, newer ones stay.
        #expect(store.seriesServedFromMemory(from: Fixture.time(150)) == 6)
        #expect(store.seriesServedFromMemory(from: Fixture.time(110)) == 0)
        let reader = try HistoryReader(path: directory.file())
        for from in [Int64(0), 110, 150, 199] {
            #expect(try store.select(Fixture.all, from: Fixture.time(from), through: Fixture.time(200))
                == reader.select(Fixture.all, from: Fixture.time(from), through: Fixture.time(200)))
        }
        #expect(store.memoryChunkBytes > 0)
    }

    @Test func latestSamplesMatchTheLastSampleOfAPlainSelection() throws {
        let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 5))
        let series = (0..<4).map { Fixture.labels("q", ["pod": "p\($0)"]) }
        for second in Int64(0)..<30 {
            var samples = series.enumerated().map { Fixture.sample($1, Double($0 * 100) + Double(second), at: second) }
            if second >= 20 { samples.removeLast() }
            if second == 20 { samples.append(Fixture.sample(series[3], Self.staleMarker, at: second)) }
            try store.append(samples, at: Fixture.time(second))
        }
        for (time, lookback) in [(Int64(29), Int64(300)), (29, 5), (12, 300), (25, 3)] {
            let latest = try store.latestSamples(Fixture.all, at: Fixture.time(time), lookback: .seconds(lookback)) { _ in true }
            let selected = try store.select(Fixture.all, from: Fixture.time(time - lookback) + .millis(1), through: Fixture.time(time))
            #expect(latest.map(\.labels) == selected.map(\.labels))
            #expect(latest.map(\.timestamp) == selected.map { $0.timestamps.last! })
            #expect(latest.map(\.value.bitPattern) == selected.map { $0.values.last!.bitPattern })
        }
    }
}
