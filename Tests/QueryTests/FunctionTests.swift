import Testing
import TimeSeries
@testable import Query

/// Functions over time, math, time, labels, absence and histograms.
@Suite struct FunctionTests {
    @Test func overTimeFunctionsAggregateTheWindow() throws {
        // Window (0, 60] at t = 60 holds the samples at 15, 30, 45, 60: 4, 1, 3, 2.
        let fixture = Fixture([series("g", [(0, 100), (15, 4), (30, 1), (45, 3), (60, 2)])])
        #expect(try fixture.value("avg_over_time(g[1m])", at: 60) == 2.5)
        #expect(try fixture.value("min_over_time(g[1m])", at: 60) == 1)
        #expect(try fixture.value("max_over_time(g[1m])", at: 60) == 4)
        #expect(try fixture.value("sum_over_time(g[1m])", at: 60) == 10)
        #expect(try fixture.value("count_over_time(g[1m])", at: 60) == 4)
        #expect(try fixture.value("last_over_time(g[1m])", at: 60) == 2)
        #expect(try fixture.value("changes(g[1m])", at: 60) == 3)
        #expect(try fixture.value("resets(g[1m])", at: 60) == 2)
        #expect(try fixture.value("avg_over_time(g[1m])", at: 200) == nil)
        // last_over_time keeps the metric name, like offset; the others drop it.
        #expect(try fixture.vector("last_over_time(g[1m])", at: 60).keys.sorted() == ["g"])
        #expect(try fixture.vector("max_over_time(g[1m])", at: 60).keys.sorted() == ["{}"])
    }

    @Test func sumsAreCompensatedAsPrometheusSumsThem() throws {
        // Plain summation gives 0.30000000000000004 + 1e100 − 1e100 = 0; compensation keeps 0.3…
        let fixture = Fixture([series("g", [(1, 0.1), (2, 0.2), (3, 1e100), (4, -1e100)])])
        #expect(try fixture.value("sum_over_time(g[1m])", at: 4) == 0.30000000000000004)
        #expect(try fixture.value("avg_over_time(g[1m])", at: 4) == 0.30000000000000004 / 4)
    }

    @Test func minAndMaxSkipNaNUnlessAllAreNaN() throws {
        let fixture = Fixture([series("g", [(1, .nan), (2, 5), (3, .nan), (4, 3)]), series("n", [(1, .nan)])])
        #expect(try fixture.value("max_over_time(g[1m])", at: 4) == 5)
        #expect(try fixture.value("min_over_time(g[1m])", at: 4) == 3)
        #expect(try fixture.value("max_over_time(n[1m])", at: 4)?.isNaN == true)
    }

    @Test func derivAndPredictLinearFitLeastSquares() throws {
        // Samples (0, 0) (10, 1) (20, 4): mean x 10, mean y 5/3; Σ(x − x̄)(y − ȳ) = 10·5/3 + 10·7/3 = 40,
        // Σ(x − x̄)² = 200: slope 0.2 per second.
        let fixture = Fixture([series("g", [(0, 0), (10, 1), (20, 4)])])
        #expect(close(try fixture.value("deriv(g[1m])", at: 20), 0.2))
        // Intercept at the evaluation time 20: ȳ − slope·(x̄ − 20) = 5/3 + 2 = 11/3; in 30 s:
        // 0.2·30 + 11/3 = 9.666…
        #expect(close(try fixture.value("predict_linear(g[1m], 30)", at: 20), 6 + 11.0 / 3))
        // A flat line has slope 0 exactly; one sample gives nothing.
        let flat = Fixture([series("g", [(0, 5), (10, 5)])])
        #expect(try flat.value("deriv(g[1m])", at: 10) == 0)
        #expect(try flat.value("predict_linear(g[1m], 100)", at: 10) == 5)
        #expect(try fixture.value("deriv(g[5s])", at: 20) == nil)
    }

    @Test func mathFunctionsDropTheMetricName() throws {
        let fixture = Fixture([series(#"g{k="a"}"#, [(0, -2.5)]), series(#"g{k="b"}"#, [(0, 7.25)])])
        #expect(try fixture.vector("abs(g)", at: 0) == [#"{k="a"}"#: 2.5, #"{k="b"}"#: 7.25])
        #expect(try fixture.vector("ceil(g)", at: 0) == [#"{k="a"}"#: -2, #"{k="b"}"#: 8])
        #expect(try fixture.vector("floor(g)", at: 0) == [#"{k="a"}"#: -3, #"{k="b"}"#: 7])
        // round: ties go up (−2.5 → −2); to the nearest 0.5: 7.25 → 7.5.
        #expect(try fixture.vector("round(g)", at: 0) == [#"{k="a"}"#: -2, #"{k="b"}"#: 7])
        #expect(try fixture.vector("round(g, 0.5)", at: 0) == [#"{k="a"}"#: -2.5, #"{k="b"}"#: 7.5])
        #expect(try fixture.vector("clamp(g, 0, 5)", at: 0) == [#"{k="a"}"#: 0, #"{k="b"}"#: 5])
        #expect(try fixture.vector("clamp_min(g, 0)", at: 0) == [#"{k="a"}"#: 0, #"{k="b"}"#: 7.25])
        #expect(try fixture.vector("clamp_max(g, 0)", at: 0) == [#"{k="a"}"#: -2.5, #"{k="b"}"#: 0])
        #expect(try fixture.vector("clamp(g, 5, 0)", at: 0).isEmpty)
    }

    @Test func timeFunctions() throws {
        let fixture = Fixture([series(#"g{k="a"}"#, [(10, 1)]), series(#"g{k="b"}"#, [(12.5, 2)])])
        #expect(try fixture.value("time()", at: 100) == 100)
        // timestamp of a selector is the sample's own time; of anything else the evaluation time.
        #expect(try fixture.vector("timestamp(g)", at: 100) == [#"{k="a"}"#: 10, #"{k="b"}"#: 12.5])
        #expect(try fixture.vector("timestamp(g offset 10s)", at: 100) == [#"{k="a"}"#: 10, #"{k="b"}"#: 12.5])
        #expect(try fixture.vector("timestamp(-g)", at: 100) == [#"{k="a"}"#: 100, #"{k="b"}"#: 100])
        #expect(try fixture.vector("vector(time())", at: 7) == ["{}": 7])
        #expect(try fixture.value(#"scalar(g{k="a"})"#, at: 100) == 1)
        #expect(try fixture.value("scalar(g)", at: 100)?.isNaN == true)
        #expect(try fixture.value("scalar(nothing)", at: 100)?.isNaN == true)
    }

    @Test func sortOrdersByValueWithNaNLast() throws {
        let fixture = Fixture([
            series(#"g{k="a"}"#, [(0, 3)]), series(#"g{k="b"}"#, [(0, .nan)]), series(#"g{k="c"}"#, [(0, 1)]),
            series(#"g{k="d"}"#, [(0, 2)]),
        ])
        #expect(try fixture.ordered("sort(g)", at: 0) == [
            #"g{k="c"} 1"#, #"g{k="d"} 2"#, #"g{k="a"} 3"#, #"g{k="b"} NaN"#,
        ])
        #expect(try fixture.ordered("sort_desc(g)", at: 0) == [
            #"g{k="a"} 3"#, #"g{k="d"} 2"#, #"g{k="c"} 1"#, #"g{k="b"} NaN"#,
        ])
    }

    @Test func labelReplaceUsesAnchoredRegexesAndGoTemplates() throws {
        let fixture = Fixture([series(#"up{instance="node1:9100",job="n"}"#, [(0, 1)])])
        let host = #"label_replace(up, "host", "$1", "instance", "(.*):.*")"#
        #expect(try fixture.vector(host, at: 0).keys.sorted() == [#"up{host="node1", instance="node1:9100", job="n"}"#])
        // Anchored: "node" alone does not match "node1:9100", so nothing changes.
        let unanchored = #"label_replace(up, "host", "x", "instance", "node")"#
        #expect(try fixture.vector(unanchored, at: 0).keys.sorted() == [#"up{instance="node1:9100", job="n"}"#])
        // `$1x` names group "1x", which does not exist; `${1}x` is group 1 then "x"; `$$` is "$".
        let greedy = #"label_replace(up, "a", "$1x", "instance", "(.*):(.*)")"#
        #expect(try fixture.vector(greedy, at: 0).keys.sorted() == [#"up{instance="node1:9100", job="n"}"#])
        let braced = #"label_replace(up, "a", "${1}x$$-$2", "instance", "(.*):(.*)")"#
        #expect(try fixture.vector(braced, at: 0).keys.sorted() == [#"up{a="node1x$-9100", instance="node1:9100", job="n"}"#])
        let named = #"label_replace(up, "port", "$p", "instance", ".*:(?P<p>\\d+)")"#
        #expect(try fixture.vector(named, at: 0).keys.sorted() == [#"up{instance="node1:9100", job="n", port="9100"}"#])
        // An empty result removes the label.
        let removing = #"label_replace(up, "job", "", "job", ".*")"#
        #expect(try fixture.vector(removing, at: 0).keys.sorted() == [#"up{instance="node1:9100"}"#])
        #expect(fixture.error(#"label_replace(up, "a", "b", "c", "(")"#) == "invalid regular expression in label_replace(): (")
    }

    @Test func labelJoinJoinsSourceValues() throws {
        let fixture = Fixture([series(#"up{a="1",b="2"}"#, [(0, 1)])])
        #expect(try fixture.vector(#"label_join(up, "ab", "-", "a", "missing", "b")"#, at: 0).keys.sorted()
            == [#"up{a="1", ab="1--2", b="2"}"#])
    }

    @Test func labelChangesThatCollideAreRefused() throws {
        let fixture = Fixture([series(#"up{a="1"}"#, [(0, 1)]), series(#"up{a="2"}"#, [(0, 1)])])
        #expect(fixture.error(#"label_replace(up, "a", "x", "a", ".*")"#)
            == "vector cannot contain metrics with the same labelset")
        // Name dropping can collide too.
        let names = Fixture([series(#"a_total{k="1"}"#, every: 15, [1, 2, 3]), series(#"b_total{k="1"}"#, every: 15, [1, 2, 3])])
        #expect(names.error(#"rate({__name__=~"a_total|b_total"}[1m])"#, at: 30)
            == "vector cannot contain metrics with the same labelset")
        #expect(names.error(#"-{__name__=~"a_total|b_total"}"#, at: 30)
            == "vector cannot contain metrics with the same labelset")
    }

    @Test func absentTakesLabelsFromEqualityMatchers() throws {
        let fixture = Fixture([series(#"up{job="a"}"#, [(0, 1)])])
        #expect(try fixture.vector(#"absent(nonexistent{job="a", env=~"x", dc="1", dc="2"})"#, at: 0) == [#"{job="a"}"#: 1])
        #expect(try fixture.vector("absent(up)", at: 0).isEmpty)
        #expect(try fixture.vector(#"absent_over_time(nonexistent{job="b"}[5m])"#, at: 0) == [#"{job="b"}"#: 1])
        #expect(try fixture.vector("absent_over_time(up[5m])", at: 100).isEmpty)
        #expect(try fixture.vector("absent_over_time(up[5m])", at: 300) == ["{}": 1])
    }

    @Test func histogramQuantileInterpolatesClassicBuckets() throws {
        // Cumulative buckets: ≤0.1: 10, ≤0.5: 30, ≤1: 40, +Inf: 50.
        let buckets: [(String, Double)] = [("0.1", 10), ("0.5", 30), ("1", 40), ("+Inf", 50)]
        let fixture = Fixture(
            buckets.map { series(#"h_bucket{job="a",le="\#($0.0)"}"#, [(0, $0.1)]) }
                + [series(#"h_bucket{job="a",le="junk"}"#, [(0, 99)]), series(#"h_bucket{job="b",le="1"}"#, [(0, 5)])])
        // φ = 0.5: rank 25 falls in (0.1, 0.5] holding 20: 0.1 + 0.4 × (25 − 10)/20 = 0.4.
        #expect(try fixture.vector(#"histogram_quantile(0.5, h_bucket{job="a"})"#, at: 0) == [#"{job="a"}"#: 0.4])
        // φ = 0.1: rank 5 in the first bucket, which starts at 0: 0.1 × 5/10 = 0.05.
        #expect(try fixture.value(#"histogram_quantile(0.1, h_bucket{job="a"})"#, at: 0) == 0.05)
        // φ = 0.9: rank 45 is in the +Inf bucket: the highest finite bound, 1.
        #expect(try fixture.value(#"histogram_quantile(0.9, h_bucket{job="a"})"#, at: 0) == 1)
        #expect(try fixture.value(#"histogram_quantile(1.5, h_bucket{job="a"})"#, at: 0) == .infinity)
        #expect(try fixture.value(#"histogram_quantile(-1, h_bucket{job="a"})"#, at: 0) == -.infinity)
        // job="b" has no +Inf bucket: NaN. The junk `le` is ignored.
        #expect(try fixture.value(#"histogram_quantile(0.5, h_bucket{job="b"})"#, at: 0)?.isNaN == true)
        #expect(try fixture.vector("histogram_quantile(0.5, h_bucket)", at: 0).count == 2)
    }

    @Test func histogramQuantileWithANonPositiveLowestBound() throws {
        let fixture = Fixture([
            series(#"h_bucket{le="-1"}"#, [(0, 10)]), series(#"h_bucket{le="1"}"#, [(0, 20)]),
            series(#"h_bucket{le="+Inf"}"#, [(0, 20)]),
        ])
        // Rank 2 in the lowest bucket, whose bound is not positive: the bound itself.
        #expect(try fixture.value("histogram_quantile(0.1, h_bucket)", at: 0) == -1)
        // Rank 15 in (−1, 1] holding 10: −1 + 2 × 5/10 = 0.
        #expect(try fixture.value("histogram_quantile(0.75, h_bucket)", at: 0) == 0)
    }
}
