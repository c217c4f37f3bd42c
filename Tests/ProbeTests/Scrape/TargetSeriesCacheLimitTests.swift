@testable import Probe
import Testing
import TimeSeries

/// The scrape cache under limits: a read over one fails, and a target that keeps failing
/// cannot grow the cache however many series it invents.
@Suite struct TargetSeriesCacheLimitTests {
    typealias C = SeriesCacheTesting

    static func body(_ pids: Range<Int>) -> [UInt8] {
        Array(pids.map { "q{pid=\"<0.\($0).0>\"} 1\n" }.joined().utf8)
    }

    static let limits = ScrapeLimits(sampleLimit: 5, labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 0, targetLimit: 0)

    func read(_ cache: inout C, _ bytes: [UInt8], limits: ScrapeLimits = Self.limits) -> Result<[Sample], TargetReadError> {
        do {
            return .success(try cache.cache.read(bytes, format: .prometheusText, limits: limits, at: C.now).samples)
        } catch {
            return .failure(error)
        }
    }

    @Test func aReadOverSampleLimitFailsWithTheCount() throws {
        var cache = C()
        guard case .failure(.limit(let exceeded)) = read(&cache, Self.body(0..<8)) else {
            Issue.record("expected sample_limit to be exceeded")
            return
        }
        #expect(exceeded == ScrapeLimitExceeded(limit: .sample, found: 8, value: 5, detail: "8 samples"))
        #expect(exceeded.description == "sample_limit exceeded: 8 samples, limit 5")
        #expect(try read(&cache, Self.body(0..<5)).get().count == 5, "the limit itself is allowed")
    }

    @Test func aTargetThatKeepsFailingCannotGrowTheCache() throws {
        var cache = C()
        #expect(try read(&cache, Self.body(0..<3)).get().count == 3)
        for round in 1...50 {
            // Ten series never seen before, every time: half of them read before the limit stops the read.
            let result = read(&cache, Self.body((round * 10)..<(round * 10 + 10)))
            guard case .failure(.limit) = result else {
                Issue.record("round \(round): expected sample_limit to be exceeded")
                return
            }
            #expect(cache.cache.series.count == 3, "only the series of the last successful read are kept")
            #expect(cache.cache.texts.count == 0)
        }
        // The series of the last good read are still known, so they end when the target comes back without them.
        let back = try read(&cache, Self.body(1..<3)).get()
        #expect(back.count == 2)
        #expect(cache.cache.series.count <= 3)
    }

    @Test func aLabelLimitIsCheckedOnTheSeriesAsStored() throws {
        var cache = C()
        // The target's job and instance count: q, pid, instance and job make four labels.
        let tight = ScrapeLimits(sampleLimit: 0, labelLimit: 3, labelNameLengthLimit: 0, labelValueLengthLimit: 0, targetLimit: 0)
        guard case .failure(.limit(let exceeded)) = read(&cache, Self.body(0..<1), limits: tight) else {
            Issue.record("expected label_limit to be exceeded")
            return
        }
        #expect(exceeded.description == "label_limit exceeded: 4 labels on \"q\" (__name__, instance, job, pid), limit 3")
        var fits = tight
        fits.labelLimit = 4
        #expect(try read(&cache, Self.body(0..<1), limits: fits).get().count == 1)
    }

    @Test func aParseErrorIsStillAParseError() {
        var cache = C()
        guard case .failure(.parse(let error)) = read(&cache, Array("q{pid=\"a\" 1\n".utf8)) else {
            Issue.record("expected a parse error")
            return
        }
        #expect(error.line == 1)
    }
}
