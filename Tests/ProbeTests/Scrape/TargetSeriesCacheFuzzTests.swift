@testable import Probe
import Testing
import TimeSeries

/// Mutated expositions read through one long-lived cache per dialect must come out exactly as
/// the parser reads them: the same samples, or the same error at the same place.
@Suite struct TargetSeriesCacheFuzzTests {
    typealias C = SeriesCacheTesting

    static let seeds = [
        OpenMetricsStrictTests.valid,
        TargetSeriesCacheTests.body,
        """
        # TYPE q gauge
        q{pid="<0.1.0>",name="a\\"b",x="\\n"} 1 17
        q{pid="<0.2.0>" , } -Inf
        q{pid="<0.3.0>",name="}{"} 2
        q { pid="<0.4.0>" } 3
        h_bucket{le="1"} NaN
        h_bucket{le="+Inf"} 4 # {trace_id="x"} 1
        plain 5

        """,
    ]

    @Test func mutatedBodiesReadAsTheParserReadsThem() {
        let alphabet = Array("{}\"\\=,# \n\r\t0123456789.eE+-_:aZInfNa".utf8) + [0x00, 0x80, 0xC3, 0xE2, 0xFF]
        var random = TestRandom(seed: 7)
        let modes: [(ExpositionFormat, Bool)] = [(.prometheusText, false), (.openMetrics, false), (.openMetrics, true)]
        var caches = modes.map { _ in C() }
        var mismatches = 0
        var outcomes = (read: 0, failed: 0)
        for iteration in 0..<3_000 {
            var bytes = Array(Self.seeds[iteration % Self.seeds.count].utf8)
            // Half the bodies are left whole, so the cache meets texts it knows beside mutated ones.
            if random.below(2) == 0 {
                for _ in 0...random.below(4) { mutate(&bytes, alphabet: alphabet, random: &random) }
            }
            for (mode, (format, strict)) in modes.enumerated() {
                let expected = C.reference(bytes: bytes, format, strict: strict)
                if case .success = expected { outcomes.read += 1 } else { outcomes.failed += 1 }
                for _ in 0..<2 {
                    let actual = caches[mode].read(bytes: bytes, format, strict: strict)
                    if actual != expected {
                        mismatches += 1
                        if mismatches <= 5 {
                            Issue.record("\(format) strict=\(strict): \(String(decoding: bytes, as: UTF8.self).debugDescription)\nexpected \(expected)\nactual \(actual)")
                        }
                    }
                }
            }
        }
        #expect(mismatches == 0)
        #expect(outcomes.read > 1_000 && outcomes.failed > 1_000, "both outcomes are exercised: \(outcomes)")
    }

    private func mutate(_ bytes: inout [UInt8], alphabet: [UInt8], random: inout TestRandom) {
        let position = random.below(bytes.count + 1)
        switch random.below(5) {
        case 0 where position < bytes.count: bytes[position] = alphabet[random.below(alphabet.count)]
        case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: position)
        case 2 where position < bytes.count: bytes.remove(at: position)
        case 3:
            // Repeats a line, which makes a duplicate series unless something else breaks first.
            let start = bytes[..<min(position, bytes.count)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            bytes.insert(contentsOf: bytes[start..<end], at: end)
        default:
            let end = min(bytes.count, position + random.below(40))
            bytes.insert(contentsOf: bytes[position..<end], at: random.below(bytes.count + 1))
        }
    }
}
