@testable import Query
import Testing
import TimeSeries

/// The in-memory reader's postings give exactly what testing every series would.
@Suite struct PostingsTests {
    /// 600 series over three metrics, with labels that are sometimes missing.
    static let series: [StoredSeries] = (0..<600).map { index in
        var pairs = [Label("__name__", ["q", "up", "mem"][index % 3]), Label("job", "job\(index % 7)"), Label("pid", "p\(index % 50)")]
        if index % 4 != 0 { pairs.append(Label("name", "worker\(index % 5)")) }
        if index % 11 == 0 { pairs.append(Label("kind", index % 2 == 0 ? "binary" : "ets")) }
        return StoredSeries(labels: Labels(pairs), timestamps: [1000], values: [Double(index)])
    }

    static let selectors: [[LabelMatcher]] = {
        func m(_ name: String, _ kind: LabelMatcher.Kind, _ value: String) -> LabelMatcher { try! LabelMatcher(name, kind, value) }
        return [
            [m("__name__", .equal, "q")],
            [m("__name__", .equal, "q"), m("job", .equal, "job3")],
            [m("__name__", .equal, "q"), m("job", .equal, "job3"), m("pid", .equal, "p9")],
            [m("__name__", .equal, "up"), m("name", .notEqual, "worker2")],
            [m("__name__", .equal, "up"), m("name", .equal, "")],
            [m("__name__", .equal, "mem"), m("name", .regexMatch, "worker[13]")],
            [m("__name__", .equal, "mem"), m("name", .regexNoMatch, "worker[13]")],
            [m("job", .regexMatch, "job[0-2]"), m("kind", .regexMatch, ".+")],
            [m("__name__", .regexMatch, "q|up"), m("kind", .notEqual, "")],
            [m("__name__", .equal, "q"), m("job", .regexMatch, ".*")],
            [m("__name__", .equal, "nothing")],
            [m("job", .equal, "job1"), m("job", .equal, "job2")],
            [m("pid", .notEqual, "p1"), m("pid", .regexNoMatch, "p[2-4]")],
        ]
    }()

    @Test(arguments: selectors) func matchesWhatTestingEverySeriesFinds(_ matchers: [LabelMatcher]) {
        let reader = InMemorySeriesReader(Self.series)
        let found = reader.series(matching: matchers, from: Timestamp(milliseconds: 0), through: Timestamp(milliseconds: 2000))
        let expected = Self.series.filter { series in matchers.allSatisfy { $0.matches(series.labels) } }
            .sorted { Labels.precedes($0.labels, $1.labels) }
        #expect(found.map(\.labels) == expected.map(\.labels))
    }

    @Test func intersectionAndSubtractionOfPostings() {
        let large = Array(stride(from: Int32(0), to: 100_000, by: 3))
        let small: [Int32] = [0, 1, 2, 3, 299_999, 30, 31, 33, 99_999].sorted()
        #expect(SortedLists.intersect(small, large) == small.filter { $0 % 3 == 0 && $0 < 100_000 })
        #expect(SortedLists.intersect([], large).isEmpty)
        #expect(SortedLists.intersect([5], []).isEmpty)
        #expect(SortedLists.subtract([1, 2, 3, 4, 5], [2, 4, 9]) == [1, 3, 5])
    }

    @Test func aMetricSplitByAnUppercaseLabelIsNotTakenForARange() {
        // "Zone" sorts before "__name__", so the series of `q` are not adjacent in label order.
        let series = (0..<40).map { index in
            StoredSeries(
                labels: Labels([Label("__name__", index % 2 == 0 ? "q" : "r"), Label("Zone", "z\(index % 4)"), Label("job", "j\(index % 3)")]),
                timestamps: [1000], values: [Double(index)])
        }
        let reader = InMemorySeriesReader(series)
        let matchers = [LabelMatcher.equal("__name__", "q"), LabelMatcher.equal("job", "j1")]
        let expected = series.filter { series in matchers.allSatisfy { $0.matches(series.labels) } }
            .sorted { Labels.precedes($0.labels, $1.labels) }
        let found = reader.series(matching: matchers, from: Timestamp(milliseconds: 0), through: Timestamp(milliseconds: 2000))
        #expect(found.map(\.labels) == expected.map(\.labels))
        let latest = reader.latestSamples(matching: matchers, at: Timestamp(milliseconds: 1000), lookback: .seconds(300)) { $0 > 10 }
        #expect(latest.map(\.labels) == expected.filter { $0.values[0] > 10 }.map(\.labels))
    }

    /// The same series behind the protocol's default `latestSamples`.
    struct PlainReader: SeriesReader {
        let base: InMemorySeriesReader
        func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) -> [StoredSeries] {
            base.series(matching: matchers, from: from, through: through)
        }
    }

    @Test func thresholdsReadFromLatestSamplesAgreeWithReadingSeries() throws {
        let stale = StoredSeries.staleMarker
        let series = [
            StoredSeries(labels: labels(#"q{pid="a"}"#), timestamps: [0, 10_000, 20_000], values: [5, 50, 500]),
            StoredSeries(labels: labels(#"q{pid="b"}"#), timestamps: [0, 10_000, 20_000], values: [500, 500, stale]),
            StoredSeries(labels: labels(#"q{pid="c"}"#), timestamps: [0], values: [900]),
            StoredSeries(labels: labels(#"up{job="x"}"#), timestamps: [0, 400_000], values: [0, 1]),
        ]
        let fast = QueryEngine(reader: InMemorySeriesReader(series))
        let plain = QueryEngine(reader: PlainReader(base: InMemorySeriesReader(series)))
        for query in ["q > 10", "q < 100", #"q{pid!="a"} >= 500"#, "100 < q", "up == 0", "q offset 10s > 10"] {
            for seconds in [0.0, 5, 10, 15, 20, 100, 301, 400, 700] {
                let time = Timestamp(seconds: seconds)
                #expect(try fast.instant(query, at: time) == plain.instant(query, at: time), "\(query) at \(seconds)s")
            }
        }
    }
}
