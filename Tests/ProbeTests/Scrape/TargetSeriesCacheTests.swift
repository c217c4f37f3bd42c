@testable import Probe
import Testing
import TimeSeries

/// The scrape cache reads like the parser: series it knows come back equal, changes are seen,
/// and every error the parser reports is still reported.
@Suite struct TargetSeriesCacheTests {
    typealias C = SeriesCacheTesting

    static let body = """
        # HELP q Queue length.
        # TYPE q gauge
        q{pid="<0.1.0>",name="chat_router"} 48210
        q{pid="<0.2.0>",name="",job="exported"} 12
        q{pid="<0.3.0>",name="caf\\u00e9 \\"x\\"\\\\"} 3 1700000000123
        up 1

        """

    @Test func aSecondReadOfTheSameBodyGivesEqualSamplesFromTheCache() throws {
        var cache = C()
        let first = cache.read(Self.body)
        #expect(first == C.reference(Self.body))
        let textsAfterFirst = cache.cache.texts.count
        #expect(textsAfterFirst == 4)
        let second = cache.read(Self.body)
        #expect(second == first)
        #expect(cache.cache.texts.count == textsAfterFirst, "the second read found every text")
        #expect(cache.cache.series.count == 4)
        let samples = try second.get()
        #expect(samples[1].labels["exported_job"] == "exported")
        #expect(samples[2].timestamp == Timestamp(milliseconds: 1_700_000_000_123))
    }

    @Test func changedValuesAndLabelsAreSeen() {
        var cache = C()
        _ = cache.read("q{pid=\"a\"} 1\nq{pid=\"b\"} 2\n")
        let changed = "q{pid=\"b\"} 5\nq{pid=\"c\"} 2 17\nq{pid=\"a\",extra=\"x\"} 3\n"
        #expect(cache.read(changed) == C.reference(changed))
        let respelled = "q{ pid = \"b\" , } 5\nq{extra=\"x\",pid=\"a\"} 3\nq{pid=\"c\",empty=\"\"} 2\n"
        #expect(cache.read(respelled) == C.reference(respelled))
        #expect(cache.cache.series.count <= 4, "other spellings of a series share its entry")
    }

    @Test func aSeriesGivenTwiceIsAnErrorOnACachedRead() {
        var cache = C()
        _ = cache.read("q{pid=\"a\"} 1\nq{pid=\"b\"} 2\n")
        let cases = [
            "q{pid=\"a\"} 1\nq{pid=\"b\"} 2\nq{pid=\"a\"} 3\n",
            "q{pid=\"b\"} 1\nq{pid=\"b\"} 2\n",
            "q{pid=\"a\",x=\"\"} 1\nq{pid=\"a\"} 2\n",
            "q{pid=\"a\",x=\"1\"} 1\nq{x=\"1\",pid=\"a\"} 2\n",
            "q{pid=\"a\"} 1 5\nq{pid=\"a\"} 2 6\nq{pid=\"a\"} 3 5\n",
            "q{pid=\"a\"} 1\nq{pid=\"a\"} 2\nq{pid=\"a\" 3\n",
        ]
        for text in cases {
            #expect(cache.read(text) == C.reference(text), "\(text)")
            guard case .failure = C.reference(text) else {
                Issue.record("expected an error for \(text)")
                continue
            }
        }
        #expect(cache.read("q{pid=\"a\"} 1 5\nq{pid=\"a\"} 2 6\n") == C.reference("q{pid=\"a\"} 1 5\nq{pid=\"a\"} 2 6\n"))
    }

    @Test func badBytesOnALineThatLooksCachedAreStillErrors() {
        var cache = C()
        _ = cache.read("q{name=\"é\",pid=\"a\"} 1\n")
        var invalidUTF8 = Array("q{name=\"".utf8)
        invalidUTF8 += [0xC3, 0x28]
        invalidUTF8 += Array("\",pid=\"a\"} 1\n".utf8)
        #expect(cache.read(bytes: invalidUTF8) == C.reference(bytes: invalidUTF8))
        for text in ["q{name=\"é\",pid=\"a\",pid=\"a\"} 1\n", "q{name=\"é\",pid=\"a\"} x\n", "q{name=\"é\",pid=\"a\"}\n",
                     "q{name=\"é\",pid=\"a\"} 1 2 3\n", "q{name=\"é\",pid=\"a\"}} 1\n", "q{name=\"é\",pid=\"a\" } 1 }\n"] {
            #expect(cache.read(text) == C.reference(text), "\(text)")
        }
        let strictBody = "q{a=\"\\q\"} 1\n# EOF\n"
        var strict = C()
        #expect(strict.read(strictBody, .openMetrics) == C.reference(strictBody, .openMetrics))
        #expect(strict.read(strictBody, .openMetrics, strict: true) == C.reference(strictBody, .openMetrics, strict: true))
        #expect(strict.read(strictBody, .prometheusText) == C.reference(strictBody, .prometheusText))
    }

    @Test func strictOpenMetricsRulesHoldForKnownSeries() {
        var cache = C()
        let valid = OpenMetricsStrictTests.valid
        #expect(cache.read(valid, .openMetrics, strict: true) == C.reference(valid, .openMetrics, strict: true))
        #expect(cache.read(valid, .openMetrics, strict: true) == C.reference(valid, .openMetrics, strict: true))
        let unsorted = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"0.5\"} 2\nh_bucket{le=\"+Inf\"} 2\n# EOF\n"
        let sorted = "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 2\n# EOF\n"
        _ = cache.read(sorted, .openMetrics, strict: true)
        #expect(cache.read(unsorted, .openMetrics, strict: true) == C.reference(unsorted, .openMetrics, strict: true))
        let negative = "# TYPE c counter\nc_total -1\n# EOF\n"
        _ = cache.read("# TYPE c counter\nc_total 1\n# EOF\n", .openMetrics, strict: true)
        #expect(cache.read(negative, .openMetrics, strict: true) == C.reference(negative, .openMetrics, strict: true))
    }

    @Test func knownMetadataLinesStillFollowTheFamilyRules() {
        var cache = C()
        let valid = "# HELP q Queue.\n# TYPE q gauge\nq 1\n# HELP r R.\nr 2\n# EOF\n"
        #expect(cache.read(valid, .openMetrics, strict: true) == C.reference(valid, .openMetrics, strict: true))
        #expect(cache.cache.metadataLines.count == 3)
        let misplaced = [
            "# TYPE q gauge\nq 1\n# HELP q Queue.\n# EOF\n",
            "# HELP q Queue.\n# TYPE q gauge\n# TYPE q gauge\nq 1\n# EOF\n",
            "# HELP q Queue.\nq 1\n# HELP r R.\nr 2\n# TYPE q gauge\n# EOF\n",
        ]
        for text in misplaced {
            let expected = C.reference(text, .openMetrics, strict: true)
            guard case .failure = expected else {
                Issue.record("expected an error for \(text)")
                continue
            }
            #expect(cache.read(text, .openMetrics, strict: true) == expected, "\(text)")
        }
        var badHelp = Array("# HELP q Queue.\n# HELP r ".utf8)
        badHelp += [0xC3, 0x28]
        badHelp += Array("\nq 1\n".utf8)
        var prometheus = C()
        _ = prometheus.read("# HELP q Queue.\n# HELP r R.\nq 1\n")
        #expect(prometheus.read(bytes: badHelp) == C.reference(bytes: badHelp))
    }

    @Test func seriesAddedCountsSeriesTheLastSuccessfulReadDidNotHave() throws {
        var cache = C()
        #expect(try cache.added("a 1\nb 1\n") == 2)
        #expect(try cache.added("a 1\nb 1\n") == 0)
        #expect(try cache.added("b 1\nc 1\n") == 1)
        #expect(try cache.added("a 1\nb 1\nc 1\n") == 1, "a came back after a read without it")
        #expect(throws: ExpositionParseError.self) { try cache.added("a 1\nd 1\nd 2\n") }
        #expect(try cache.added("a 1\nb 1\nc 1\nd 1\n") == 1, "a failed read counts nothing as seen")
        #expect(try cache.added("a{} 1\nb{x=\"\"} 1\nc 1\nd 1\n") == 0, "other spellings are the same series")
    }

    @Test func staleEntriesArePrunedOnceTheyOutnumberLiveOnes() throws {
        var cache = C()
        let many = (0..<100).map { "q{pid=\"\($0)\"} 1\n" }.joined()
        _ = try cache.added(many)
        #expect(cache.cache.series.count == 100)
        let few = (0..<10).map { "q{pid=\"\($0)\"} 1\n" }.joined()
        #expect(try cache.added(few) == 0)
        #expect(cache.cache.series.count <= 20 && cache.cache.texts.count <= 20)
        #expect(cache.read(few) == C.reference(few))
        #expect(try cache.added(many) == 90)
    }

    @Test func changingFormatRereadsTextsUnderTheNewRules() {
        var cache = C()
        let body = "q{a=\"x\\q\"} 1\n"
        #expect(cache.read(body) == C.reference(body))
        let openMetrics = body + "# EOF\n"
        #expect(cache.read(openMetrics, .openMetrics, strict: true) == C.reference(openMetrics, .openMetrics, strict: true))
        #expect(cache.read(body) == C.reference(body))
    }
}
