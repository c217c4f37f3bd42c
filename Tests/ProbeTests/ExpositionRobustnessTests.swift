import Testing
import Probe
import TimeSeries

/// Huge lines and many families parse to the right result with short error messages, and no
/// input makes the parser crash. (How fast they parse is for `backlog-bench parse`, not a test.)
@Suite struct ExpositionRobustnessTests {
    typealias T = ExpositionTesting
    static let tenMegabytes = 10_000_000


    @Test func parsesATenMegabyteLabelValue() throws {
        let bytes = Array("m{big=\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: Self.tenMegabytes) + Array("\",b=\"é\"} 1\n".utf8)
        let parsed = try? ParsedExposition.parse(bytes, format: .prometheusText)
        let sample = try #require(parsed?.samples.first)
        #expect(sample.labels["big"]?.utf8.count == Self.tenMegabytes)
        #expect(sample.labels["b"] == "é")
    }

    @Test func parsesATenMegabyteNumber() throws {
        let bytes = Array("m ".utf8) + [UInt8](repeating: UInt8(ascii: "7"), count: Self.tenMegabytes) + [0x0A]
        let samples = try? ParsedExposition.parse(bytes, format: .prometheusText).samples
        #expect(samples?.first?.value == .infinity)
    }

    @Test func rejectsTenMegabyteLinesWithShortMessages() {
        let filler = [UInt8](repeating: UInt8(ascii: "a"), count: Self.tenMegabytes)
        let cases: [([UInt8], String)] = [
            (Array("m{a=\"".utf8) + filler + [0x0A], "1:5: unterminated label value for \"a\"; expected a closing quote"),
            (filler + [0x0A], "1:10000001: expected sample value after \"\(String(repeating: "a", count: 40))…\""),
            (Array("m ".utf8) + filler, "1:3: invalid sample value \"\(String(repeating: "a", count: 40))…\"; expected a number, NaN or ±Inf"),
            (Array("m{".utf8) + [UInt8](repeating: UInt8(ascii: ","), count: Self.tenMegabytes), "1:3: expected label name or \"}\""),
            (Array("# HELP m ".utf8) + [UInt8](repeating: 0xFF, count: Self.tenMegabytes), "1:10: invalid UTF-8 in HELP text for \"m\""),
        ]
        for (bytes, message) in cases {
            let error = T.error(bytes: bytes)
            #expect(error == message)
        }
    }

    @Test func manyLabelsOnOneLine() throws {
        var text = "m{"
        for index in 0..<20_000 { text += "l\(index)=\"\(index)\"," }
        text += "} 1\n"
        #expect(try T.samples(text).first?.labels.count == 20_001)
        #expect(T.error("m{" + String(repeating: "a=\"1\",", count: 20_000) + "} 1\n") == "1:9: duplicate label name \"a\"")
    }

    @Test func manyFamiliesAreAllRead() throws {
        var text = ""
        for index in 0..<30_000 {
            text += "# HELP f\(index) Family \(index).\n# TYPE f\(index) counter\nf\(index)_total 1\nloose\(index) 2\n"
        }
        let parsed = try? ParsedExposition.parse(Array(text.utf8), format: .prometheusText)
        #expect(parsed?.families.count == 60_000)
        #expect(parsed?.families.first == MetricFamily(name: "f0", type: .counter, help: "Family 0.", sampleCount: 1))
    }

    @Test func survivesMutatedInput() {
        let seeds = [OpenMetricsStrictTests.valid, """
            # HELP q Queue.\\n\\\\
            # TYPE q gauge
            q{pid="<0.1.0>",name="a\\"b",x="\\n"} 1 17
            q{pid="<0.2.0>" , } -Inf
            h_bucket{le="1"} NaN
            """]
        let alphabet = Array("{}\"\\=,# \n\r\t0123456789.eE+-_:aZInfNa".utf8) + [0x00, 0x80, 0xC3, 0xE2, 0xFF]
        var random = TestRandom(seed: 42)
        let modes: [(ExpositionFormat, Bool)] = [(.prometheusText, false), (.openMetrics, false), (.openMetrics, true)]
        for iteration in 0..<3_000 {
            var bytes = Array(seeds[iteration % seeds.count].utf8)
            for _ in 0...random.below(6) {
                let position = random.below(bytes.count + 1)
                switch random.below(5) {
                case 0 where position < bytes.count: bytes[position] = alphabet[random.below(alphabet.count)]
                case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: position)
                case 2 where position < bytes.count: bytes.remove(at: position)
                case 3: bytes = Array(bytes.prefix(position))
                default:
                    let end = min(bytes.count, position + random.below(40))
                    bytes.insert(contentsOf: bytes[position..<end], at: random.below(bytes.count + 1))
                }
            }
            for (format, strict) in modes {
                // Any outcome is fine as long as it is a result or a thrown error with a sane position.
                do {
                    let parsed = try ParsedExposition.parse(bytes, format: format, strict: strict)
                    #expect(parsed.byteCount == bytes.count)
                } catch {
                    #expect(error.line >= 1 && error.column >= 1 && !error.message.isEmpty)
                }
            }
        }
    }
}
