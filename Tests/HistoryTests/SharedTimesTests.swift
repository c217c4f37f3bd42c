@testable import History
import TestSupport
import Testing
import TimeSeries

/// In-memory selections share one times array among series scraped together, read heads in
/// place (`BitReader` over an open writer) and tell readers when the store changed.
@Suite struct SharedTimesTests {
    let directory = TemporaryDirectory()

    static func base(_ times: [Int64]) -> UnsafeRawPointer? {
        times.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func seriesScrapedTogetherShareOneTimesArray() throws {
        let store = try HistoryStore(path: directory.file(), options: HistoryOptions(chunkSamples: 6))
        let together = (0..<5).map { Fixture.labels("q", ["pod": "p\($0)"]) }
        let apart = Fixture.labels("q", ["pod": "late"])
        for second in Int64(0)..<20 {
            var samples = together.map { Fixture.sample($0, Double(second), at: second) }
            // Scraped half a second later: times of its own.
            samples.append(Sample(labels: apart, value: 1, timestamp: Timestamp(milliseconds: second * 1000 + 500)))
            try store.append(samples, at: Fixture.time(second))
        }
        // Windows across chunk cuts and within the head.
        for from in [Int64(0), 7, 15, 19] {
            let selected = try store.select(Fixture.all, from: Fixture.time(from), through: Fixture.time(20))
            let shared = selected.filter { $0.labels != apart }
            #expect(shared.count == 5)
            #expect(Set(shared.map { Self.base($0.timestamps) }).count == 1, "from \(from)")
            let own = try #require(selected.first { $0.labels == apart })
            #expect(Self.base(own.timestamps) != Self.base(shared[0].timestamps))
            // Shared or not, the answer is the file's.
            let reader = try HistoryReader(path: directory.file())
            defer { reader.close() }
            #expect(try reader.select(Fixture.all, from: Fixture.time(from), through: Fixture.time(20)) == selected)
        }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 63, 64, 65, 200])
    func aReaderOverAnOpenWriterReadsItsPartialLastByte(bits: Int) {
        var random = SplitMix64(seed: UInt64(bits) + 1)
        var writer = BitWriter()
        var written: [(UInt64, Int)] = []
        var left = bits
        while left > 0 {
            let count = min(left, Int(random.next() % 64) + 1)
            let value = random.next()
            writer.write(value, count: count)
            written.append((count == 64 ? value : value & ((1 << UInt64(count)) - 1), count))
            left -= count
        }
        var inPlace = BitReader(writer)
        var copied = BitReader(writer.finishedBytes, start: 0)
        for (value, count) in written {
            #expect(inPlace.read(count) == value)
            #expect(copied.read(count) == value)
        }
        // Both end at the padded byte's end.
        let padding = (8 - bits % 8) % 8
        #expect(inPlace.read(padding) == 0)
        #expect(inPlace.read(1) == nil)
    }

    @Test func writeGenerationMovesWithEveryChange() throws {
        let store = try HistoryStore(path: directory.file())
        let first = try #require(store.writeGeneration)
        _ = try store.select(Fixture.all, from: Fixture.time(0), through: Fixture.time(10))
        #expect(store.writeGeneration == first, "a read changes nothing")
        try store.append([Fixture.sample(Fixture.labels("q"), 1, at: 1)], at: Fixture.time(1))
        let appended = try #require(store.writeGeneration)
        #expect(appended != first)
        try store.flush()
        #expect(store.writeGeneration != appended)
        // A reader of a file another process writes cannot tell.
        let reader = try HistoryReader(path: directory.file())
        defer { reader.close() }
        #expect(reader.writeGeneration == nil)
    }
}
