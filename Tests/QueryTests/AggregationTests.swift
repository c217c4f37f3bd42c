import Testing
@testable import Query

/// Aggregation operators with `by` and `without`.
@Suite struct AggregationTests {
    /// Queue lengths: a=1, b=5, c=3, d=NaN, e=5, over two nodes.
    let fixture = Fixture([
        series(#"q{node="n1",pid="a"}"#, [(0, 1)]), series(#"q{node="n1",pid="b"}"#, [(0, 5)]),
        series(#"q{node="n2",pid="c"}"#, [(0, 3)]), series(#"q{node="n2",pid="d"}"#, [(0, .nan)]),
        series(#"q{node="n2",pid="e"}"#, [(0, 5)]),
    ])

    @Test func sumCountMinMaxAvgGroupByAndWithout() throws {
        #expect(try fixture.vector(#"sum by (node) (q{pid!="d"})"#, at: 0) == [#"{node="n1"}"#: 6, #"{node="n2"}"#: 8])
        #expect(try fixture.vector(#"sum without (pid) (q{pid!="d"})"#, at: 0) == [#"{node="n1"}"#: 6, #"{node="n2"}"#: 8])
        #expect(try fixture.vector(#"sum(q{pid!="d"}) by (node)"#, at: 0) == [#"{node="n1"}"#: 6, #"{node="n2"}"#: 8])
        #expect(try fixture.vector("count(q)", at: 0) == ["{}": 5])
        #expect(try fixture.vector(#"avg by (node) (q{pid!="d"})"#, at: 0) == [#"{node="n1"}"#: 3, #"{node="n2"}"#: 4])
        // max and min skip NaN unless it is the only value.
        #expect(try fixture.vector("max by (node) (q)", at: 0) == [#"{node="n1"}"#: 5, #"{node="n2"}"#: 5])
        #expect(try fixture.vector("min by (node) (q)", at: 0) == [#"{node="n1"}"#: 1, #"{node="n2"}"#: 3])
        #expect(try fixture.vector("group by (node) (q)", at: 0) == [#"{node="n1"}"#: 1, #"{node="n2"}"#: 1])
        // NaN propagates through sums.
        #expect(try fixture.value(#"sum(q{node="n2"})"#, at: 0)?.isNaN == true)
        // by (__name__) keeps the name; without always drops it.
        #expect(try fixture.vector("count by (__name__) (q)", at: 0) == ["q": 5])
        #expect(try fixture.vector("count without (pid, node) (q)", at: 0) == ["{}": 5])
        // Nothing to aggregate gives nothing, which absent() turns into one unlabelled series.
        #expect(try fixture.vector("sum(nothing)", at: 0).isEmpty)
        #expect(try fixture.vector("absent(sum(nothing))", at: 0) == ["{}": 1])
    }

    @Test func topkAndBottomkKeepLabelsAndOrderBestFirst() throws {
        // Ties keep the earlier series; NaN is worse than any number.
        #expect(try fixture.ordered("topk(2, q)", at: 0) == [#"q{node="n1", pid="b"} 5"#, #"q{node="n2", pid="e"} 5"#])
        #expect(try fixture.ordered("bottomk(2, q)", at: 0) == [#"q{node="n1", pid="a"} 1"#, #"q{node="n2", pid="c"} 3"#])
        #expect(try fixture.ordered("topk(10, q)", at: 0).last == #"q{node="n2", pid="d"} NaN"#)
        #expect(try fixture.ordered("bottomk(10, q)", at: 0).last == #"q{node="n2", pid="d"} NaN"#)
        // Per group, groups in order of first appearance.
        #expect(try fixture.ordered("topk by (node) (1, q)", at: 0) == [#"q{node="n1", pid="b"} 5"#, #"q{node="n2", pid="e"} 5"#])
        #expect(try fixture.ordered("topk(0, q)", at: 0).isEmpty)
        #expect(fixture.error("topk(scalar(q), q)") == "Parameter value is NaN")
    }

    @Test func quantileStddevStdvarAndCountValues() throws {
        // Values 1, 5, 3, 5 sorted 1 3 5 5; φ = 0.5 → rank 1.5 → 3 × 0.5 + 5 × 0.5 = 4.
        #expect(try fixture.value(#"quantile(0.5, q{pid!="d"})"#, at: 0) == 4)
        #expect(try fixture.value(#"quantile(0, q{pid!="d"})"#, at: 0) == 1)
        #expect(try fixture.value(#"quantile(2, q{pid!="d"})"#, at: 0) == .infinity)
        // Mean 3.5, squared deviations 6.25 + 2.25 + 0.25 + 2.25 = 11: stdvar 2.75.
        #expect(close(try fixture.value(#"stdvar(q{pid!="d"})"#, at: 0), 2.75))
        #expect(close(try fixture.value(#"stddev(q{pid!="d"})"#, at: 0), 2.75.squareRoot()))
        #expect(try fixture.vector(#"count_values("v", q{pid!="d"})"#, at: 0) == [#"{v="1"}"#: 1, #"{v="3"}"#: 1, #"{v="5"}"#: 2])
        #expect(try fixture.vector(#"count_values by (node) ("v", q{pid!="d"})"#, at: 0)
            == [#"{node="n1", v="1"}"#: 1, #"{node="n1", v="5"}"#: 1, #"{node="n2", v="3"}"#: 1, #"{node="n2", v="5"}"#: 1])
        let tiny = Fixture([series("small", [(0, 0.00001)])])
        #expect(try tiny.vector(#"count_values("v", small)"#, at: 0) == [#"{v="0.00001"}"#: 1])
    }

    @Test func rangeQueriesAggregateEachStep() throws {
        let moving = Fixture([series(#"m{k="a"}"#, [(0, 1), (60, 10)]), series(#"m{k="b"}"#, [(0, 2), (60, 1)])])
        let result = try moving.engine.range("topk(1, m)", start: .init(seconds: 0), end: .init(seconds: 60), step: .seconds(60))
        #expect(result == .matrix([
            RangeSeries(labels: labels(#"m{k="a"}"#), points: [Point(t: .init(seconds: 60), v: 10)]),
            RangeSeries(labels: labels(#"m{k="b"}"#), points: [Point(t: .init(seconds: 0), v: 2)]),
        ]))
    }
}
