@testable import History
import Testing
import TimeSeries

@Suite struct ChunkEncodingTests {
    func roundTrip(_ timestamps: [Int64], _ values: [Double]) -> (timestamps: [Int64], values: [Double]) {
        var encoder = ChunkEncoder()
        for index in timestamps.indices { encoder.append(timestamps[index], values[index]) }
        var decodedTimes: [Int64] = []
        var decodedValues: [Double] = []
        let ok = ChunkDecoder.decodeAll(encoder.encoded, timestamps: &decodedTimes, values: &decodedValues)
        #expect(ok)
        return (decodedTimes, decodedValues)
    }

    func expectExact(_ timestamps: [Int64], _ values: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let decoded = roundTrip(timestamps, values)
        #expect(decoded.timestamps == timestamps, sourceLocation: sourceLocation)
        #expect(decoded.values.map { $0.bitPattern } == values.map { $0.bitPattern }, sourceLocation: sourceLocation)
    }

    @Test func edgeValuesRoundTripBitForBit() {
        let values: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 1, -1, 0.1, 1e300, -1e-300,
                                .leastNonzeroMagnitude, .greatestFiniteMagnitude, 9_007_199_254_740_994, 42, 42, 0.75,
                                Double(bitPattern: 0x7FF0_0000_0000_0002)]
        let timestamps = (0..<Int64(values.count)).map { 1_700_000_000_000 + $0 * 1000 }
        expectExact(timestamps, values)
    }

    @Test func irregularTimestampsAndNegativeDeltaOfDelta() {
        let timestamps: [Int64] = [0, 1000, 1500, 1501, 3_600_000, 3_600_001, 90_000_000_000, 90_000_000_001,
                                   90_000_000_002, 90_000_500_000, Int64(1) << 50, (Int64(1) << 50) + 1]
        let values = timestamps.indices.map { Double($0 % 3) }
        expectExact(timestamps, values)
        expectExact([-5000, -4000, -1, 0, 7], [1, 2, 3, 4, 5])
    }

    @Test func staleMarkersKeepADecimalChunkDecimal() {
        let stale = Sample.staleMarker
        // A series that leaves and comes back, with the reserved change (-8) on either side of a marker.
        let values: [Double] = [100, 92, stale, 84, 76, stale, stale, 76, -8, 0, 7, -1]
        let timestamps = (0..<Int64(values.count)).map { 1_700_000_000_000 + $0 * 1000 }
        expectExact(timestamps, values)
        var encoder = ChunkEncoder()
        for index in timestamps.indices { encoder.append(timestamps[index], values[index]) }
        #expect(encoder.mode == .decimal(scale: 0, marksStaleness: true))
        #expect(encoder.encoded.first == 0x60, "marks staleness, counts time in seconds")
        // Without a marker, and off the second grid, a chunk keeps the format earlier versions read.
        var plain = ChunkEncoder()
        for (index, value) in [100.0, 92, 84].enumerated() { plain.append(Int64(index) * 1001, value) }
        #expect(plain.encoded.first == 0x10)

        // Starting stale, widening the scale later, and other NaNs, which still need XOR.
        expectExact([1, 2, 3, 4], [stale, 3, 2.5, stale])
        expectExact([1, 2, 3], [5, stale, .nan])
        var widened = ChunkEncoder()
        for (index, value) in [stale, 3, 2.5, stale].enumerated() { widened.append(Int64(index), value) }
        #expect(widened.mode == .decimal(scale: 1, marksStaleness: true))
    }

    @Test func aSeriesThatComesAndGoesCostsLessThanInXOR() {
        // Two minutes of a queue moving by tens, gone for four of every fifteen seconds.
        func bytesPerSample(gone marker: Double) -> Double {
            var encoder = ChunkEncoder()
            var value = 500.0
            var samples = 0
            for second in 0..<120 where second % 15 <= 10 {
                value += Double((second * 37) % 61 - 30)
                encoder.append(Int64(second) * 1000, second % 15 == 10 ? marker : value)
                samples += 1
            }
            return Double(encoder.encoded.count) / Double(samples)
        }
        let marked = bytesPerSample(gone: Sample.staleMarker)
        #expect(marked < 2, "\(marked) bytes a sample")
        // Any other NaN still takes the chunk to XOR, which is what markers used to cost.
        let xor = bytesPerSample(gone: .nan)
        #expect(xor > 1.2 * marked, "\(xor) against \(marked) bytes a sample")
    }

    @Test func timeOnTheSecondGridIsCountedInSecondsUntilASampleLeavesIt() {
        var gaps = ChunkEncoder()
        // Gone for a few polls now and then, as a pid that leaves the exporter's list.
        let seconds: [Int64] = [0, 1, 2, 3, 9, 10, 11, 40, 41, 42, 43, 44, 50, 51]
        for (index, second) in seconds.enumerated() { gaps.append(1_700_000_000_000 + second * 1000, Double(index % 3)) }
        #expect(gaps.tick == 1000 && gaps.encoded.first == 0x40)
        expectExact(seconds.map { 1_700_000_000_000 + $0 * 1000 }, seconds.indices.map { Double($0 % 3) })
        var milliseconds = ChunkEncoder()
        for (index, second) in seconds.enumerated() { milliseconds.append(1_700_000_000_001 + second * 1001, Double(index % 3)) }
        #expect(milliseconds.tick == 1)
        #expect(gaps.encoded.count < milliseconds.encoded.count - 6, "\(gaps.encoded.count) against \(milliseconds.encoded.count) bytes")

        // A sample off the grid: the chunk is counted in milliseconds from then on, every sample kept.
        let offGrid: [Int64] = [0, 1000, 2000, 2500, 3500, 7000]
        var rebuilt = ChunkEncoder()
        for (index, time) in offGrid.enumerated() { rebuilt.append(time, Double(index)) }
        #expect(rebuilt.tick == 1 && rebuilt.encoded.first == 0x10)
        expectExact(offGrid, offGrid.indices.map(Double.init))

        // A value that widens the scale keeps the tick, whether it comes with the second sample or later.
        for values in [[1, 2, 0.5, 3], [1, 0.5, 2, 3]] as [[Double]] {
            var widened = ChunkEncoder()
            for (index, value) in values.enumerated() { widened.append(Int64(index) * 2000, value) }
            #expect(widened.mode == .decimal(scale: 1) && widened.tick == 1000 && widened.encoded.first == 0x41)
            expectExact([0, 2000, 4000, 6000], values)
        }
    }

    @Test func aTickedHeaderWithoutAUsableTickIsRejected() {
        for tick: UInt8 in [0, 1] {
            var times: [Int64] = []
            var values: [Double] = []
            // Format 4, one sample at time 0, the tick, then a one-bit value.
            #expect(!ChunkDecoder.decodeAll([0x40, 1, 0, tick, 0], timestamps: &times, values: &values))
        }
        var times: [Int64] = []
        var values: [Double] = []
        // Value 0; one tick later (`10` and seven bits), the same value.
        #expect(ChunkDecoder.decodeAll([0x40, 2, 0, 0x90, 0x4E, 0b0100_0000, 0b0100_0000], timestamps: &times, values: &values))
        #expect(times == [0, 10_000] && values == [0, 0], "a tick of 10,000 ms")
    }

    @Test func decimalModeWidensAndFallsBackToXOR() {
        expectExact([1, 2, 3, 4], [1, 2.5, 2.75, 3.125])
        expectExact([1, 2, 3, 4], [1, 2, 0.1 + 0.2, 5])
        expectExact([1, 2, 3], [4e15, 4e15 + 2, 1.5])
        var encoder = ChunkEncoder()
        encoder.append(0, 1)
        encoder.append(1, 0.5)
        #expect(encoder.mode == .decimal(scale: 1))
        encoder.append(2, .nan)
        #expect(encoder.mode == .xor)
    }

    @Test func randomChunksRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            let count = Int.random(in: 1...300, using: &generator)
            var time = Int64.random(in: -1_000_000...2_000_000_000_000, using: &generator)
            var timestamps: [Int64] = []
            var values: [Double] = []
            for _ in 0..<count {
                timestamps.append(time)
                time += [1000, 1000, 999, 1001, Int64.random(in: 0...10_000_000, using: &generator)].randomElement()!
                switch round % 4 {
                case 0: values.append(Double(Int.random(in: 0...50, using: &generator)))
                case 1: values.append(Double.random(in: -1e6...1e6, using: &generator))
                case 2: values.append(Double(Int.random(in: 0...10_000, using: &generator)) / 100)
                default: values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
                }
            }
            expectExact(timestamps, values)
        }
    }

    @Test func truncatedChunksAreRejectedNotTrappedOn() {
        var encoder = ChunkEncoder()
        for index in 0..<50 { encoder.append(Int64(index) * 1000, Double(index * 7 % 13)) }
        let bytes = encoder.encoded
        for length in 0..<bytes.count - 1 {
            var times: [Int64] = []
            var values: [Double] = []
            #expect(!ChunkDecoder.decodeAll(Array(bytes[0..<length]), timestamps: &times, values: &values))
        }
    }

    @Test func constantOneSecondSeriesCostsUnderThreeBitsPerSample() {
        var encoder = ChunkEncoder()
        for index in 0..<120 { encoder.append(1_700_000_000_000 + Int64(index) * 1000, 7) }
        #expect(encoder.encoded.count <= 45)
    }

    @Test func tailBlockRoundTripsAndSkipsToWantedSeries() {
        var entries: [TailBlock.Entry] = []
        for index in 0..<1000 {
            let value: Double = index % 5 == 0 ? .nan : Double(index) / 4
            entries.append(TailBlock.Entry(series: Int64(index / 2 * 3 + 1), timestamp: 5000 + Int64(index % 2), value: value))
        }
        let bytes = TailBlock.encode(entries, base: 5000)
        var all: [TailBlock.Entry] = []
        #expect(TailBlock.decode(bytes) { all.append($0) })
        #expect(all.map { $0.series } == entries.map { $0.series })
        #expect(all.map { $0.value.bitPattern } == entries.map { $0.value.bitPattern })
        let wanted: [Int64] = [1, 193, 194, 1498]
        var some: [TailBlock.Entry] = []
        #expect(TailBlock.decode(bytes, wanted: wanted) { some.append($0) })
        let expected = entries.filter { wanted.contains($0.series) }
        #expect(some.map { $0.series } == expected.map { $0.series })
        #expect(some.map { $0.timestamp } == expected.map { $0.timestamp })
        #expect(some.map { $0.value.bitPattern } == expected.map { $0.value.bitPattern })
    }
}
