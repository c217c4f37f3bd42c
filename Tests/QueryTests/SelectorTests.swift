import Testing
import TimeSeries
@testable import Query

/// Instant and range selectors: the 5-minute lookback, staleness, offset, @ and matchers.
@Suite struct SelectorTests {
    let fixture = Fixture([
        series(#"gauge{job="a"}"#, [(100, 7)]),
        series(#"gauge{job="b",env="prod"}"#, [(100, 8), (200, 9)]),
        series(#"marked{job="a"}"#, [(0, 1), (60, StoredSeries.staleMarker)]),
        series(#"text{v="line one\nline two"}"#, [(100, 3)]),
    ])

    @Test func lookbackIsFiveMinutesAndLeftOpen() throws {
        #expect(try fixture.value(#"gauge{job="a"}"#, at: 100) == 7)
        #expect(try fixture.value(#"gauge{job="a"}"#, at: 399.999) == 7)
        // The sample at 100 is exactly 5 minutes old at 400: the window (100, 400] excludes it.
        #expect(try fixture.value(#"gauge{job="a"}"#, at: 400) == nil)
        #expect(try fixture.value(#"gauge{job="a"}"#, at: 99.999) == nil)
        // The latest sample at or before the evaluation time wins.
        #expect(try fixture.value(#"gauge{job="b"}"#, at: 199) == 8)
        #expect(try fixture.value(#"gauge{job="b"}"#, at: 200) == 9)
    }

    @Test func aStalenessMarkerEndsTheSeriesAtOnce() throws {
        #expect(try fixture.value("marked", at: 59) == 1)
        #expect(try fixture.value("marked", at: 60) == nil)
        #expect(try fixture.value("marked", at: 120) == nil)
        // Markers are not samples of range vectors either.
        #expect(try fixture.value("count_over_time(marked[5m])", at: 120) == 1)
    }

    @Test func lookbackDeltaIsAnOption() throws {
        let short = Fixture([series("gauge", [(100, 7)])], options: QueryOptions(lookbackDelta: .seconds(60)))
        #expect(try short.value("gauge", at: 159) == 7)
        #expect(try short.value("gauge", at: 160) == nil)
    }

    @Test func offsetMovesTheEvaluationTimeBackOrForward() throws {
        #expect(try fixture.value(#"gauge{job="a"} offset 1m"#, at: 160) == 7)
        #expect(try fixture.value(#"gauge{job="a"} offset 1m"#, at: 159) == nil)
        #expect(try fixture.value(#"gauge{job="a"} offset -1m"#, at: 40) == 7)
        #expect(try fixture.value(#"gauge{job="b"} offset 100s"#, at: 250) == 8)
        #expect(try fixture.value(#"count_over_time(gauge{job="b"}[150s] offset 50s)"#, at: 250) == 2)
    }

    @Test func atPinsTheEvaluationTime() throws {
        #expect(try fixture.value(#"gauge{job="b"} @ 150"#, at: 10_000) == 8)
        #expect(try fixture.value(#"gauge{job="b"} @ 250 offset 100s"#, at: 0) == 8)
        #expect(try fixture.value(#"gauge{job="b"} @ end()"#, at: 200) == 9)
        #expect(try fixture.value(#"count_over_time(gauge{job="b"}[5m] @ 200)"#, at: 10_000) == 2)
        // In a range query, start() and end() are the query's, at every step.
        let result = try fixture.engine.range(
            #"gauge{job="b"} @ start()"#, start: .init(seconds: 150), end: .init(seconds: 250), step: .seconds(50))
        #expect(result == .matrix([RangeSeries(labels: labels(#"gauge{job="b",env="prod"}"#), points: [
            Point(t: .init(seconds: 150), v: 8), Point(t: .init(seconds: 200), v: 8), Point(t: .init(seconds: 250), v: 8),
        ])]))
    }

    @Test func matchersCoverAllFourOperatorsWithAnchoredRegexes() throws {
        #expect(try fixture.vector(#"gauge{job!="a"}"#, at: 200).keys.sorted() == [#"gauge{env="prod", job="b"}"#])
        #expect(try fixture.vector(#"gauge{job=~"a|b"}"#, at: 200).count == 2)
        // Fully anchored: "a" does not match "ab", ".*a" does not match "ab".
        #expect(try fixture.vector(#"gauge{job=~"b.*", env=~"pro"}"#, at: 200).isEmpty)
        #expect(try fixture.vector(#"gauge{job!~"a"}"#, at: 200).count == 1)
        // A missing label is the empty value.
        #expect(try fixture.vector(#"gauge{env=""}"#, at: 200).keys.sorted() == [#"gauge{job="a"}"#])
        #expect(try fixture.vector(#"gauge{env!~".+"}"#, at: 200).count == 1)
        #expect(try fixture.vector(#"{__name__=~"gau.e", job="a"}"#, at: 200).count == 1)
        // `.` matches newlines, and $ does not stop before a final newline.
        #expect(try fixture.vector(#"text{v=~"line one.line two"}"#, at: 200).count == 1)
        #expect(try fixture.vector(#"text{v=~"line one"}"#, at: 200).isEmpty)
    }

    @Test func matchersTestValuesDirectly() throws {
        let regex = try LabelMatcher("job", .regexMatch, "ch(at|eck)")
        #expect(regex.matches("chat") && regex.matches("check") && !regex.matches("chatter") && !regex.matches("xchat"))
        #expect(try LabelMatcher("job", .regexNoMatch, "a|b").matches("c"))
        // Anchored at the very end: ICU's `$` would also match before a trailing newline.
        #expect(try !LabelMatcher("job", .regexMatch, "ch.t").matches("chat\n"))
        #expect(try LabelMatcher("job", .regexMatch, ".*").matches("any\nthing"))
        #expect(try LabelMatcher("job", .regexMatch, "(?i)CHAT").matches("chat"))
        #expect(try LabelMatcher("job", .notEqual, "a").description == #"job!="a""#)
        #expect(throws: LabelMatcherError.self) { try LabelMatcher("job", .regexMatch, "(") }
    }

    @Test func rangeVectorsAsResults() throws {
        let result = try fixture.instant(#"gauge{job="b"}[5m]"#, at: 250)
        #expect(result == .matrix([RangeSeries(labels: labels(#"gauge{job="b",env="prod"}"#), points: [
            Point(t: .init(seconds: 100), v: 8), Point(t: .init(seconds: 200), v: 9),
        ])]))
        #expect(try fixture.engine.instant(#"gauge{job="b"}[100s]"#, at: .init(seconds: 200)) == .matrix([
            RangeSeries(labels: labels(#"gauge{job="b",env="prod"}"#), points: [Point(t: .init(seconds: 200), v: 9)]),
        ]))
    }

    @Test func readerSortsSeriesAndSkipsThoseOutsideTheInterval() throws {
        let reader = InMemorySeriesReader([
            series(#"m{b="2"}"#, [(10, 1)]), series(#"m{a="1"}"#, [(10, 1)]), series(#"m{a="0"}"#, [(500, 1)]),
        ])
        let found = reader.series(
            matching: [try LabelMatcher("__name__", .equal, "m")], from: .init(seconds: 0), through: .init(seconds: 100))
        #expect(found.map(\.labels.description) == [#"m{a="1"}"#, #"m{b="2"}"#])
    }
}
