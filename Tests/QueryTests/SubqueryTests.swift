import Testing
import TimeSeries
@testable import Query

/// Subqueries: inner steps aligned to multiples of the step, windows left-open.
@Suite struct SubqueryTests {
    /// Value = t / 15 every 15 s from 0 to 600.
    let fixture = Fixture([series("x", every: 15, (0...40).map(Double.init))])

    @Test func innerStepsAreMultiplesOfTheStepInsideTheWindow() throws {
        // At 300, [5m:1m] covers (0, 300]: inner steps 60, 120, 180, 240, 300 → 4, 8, 12, 16, 20.
        let expected = [4.0, 8, 12, 16, 20].enumerated().map {
            Point(t: .init(seconds: Double(60 * ($0.offset + 1))), v: $0.element)
        }
        #expect(try fixture.instant("x[5m:1m]", at: 300) == .matrix([RangeSeries(labels: labels("x"), points: expected)]))
        #expect(try fixture.value("sum_over_time(x[5m:1m])", at: 300) == 60)
        // Not aligned to the evaluation time: at 330 the steps are still 60 … 300.
        #expect(try fixture.value("sum_over_time(x[5m:1m])", at: 330) == 60)
        // Without a step, the default step (1m unless configured).
        #expect(try fixture.value("sum_over_time(x[5m:])", at: 300) == 60)
        let fine = Fixture([series("x", every: 15, (0...40).map(Double.init))], options: QueryOptions(defaultSubqueryStep: .seconds(150)))
        #expect(try fine.value("sum_over_time(x[5m:])", at: 300) == 10 + 20)
    }

    @Test func offsetAndAtMoveTheSubquery() throws {
        // offset 1m at 360 reads (0, 300]: the same five steps.
        #expect(try fixture.value("sum_over_time(x[5m:1m] offset 1m)", at: 360) == 60)
        #expect(try fixture.value("sum_over_time(x[5m:1m] @ 300)", at: 9_999) == 60)
    }

    @Test func subqueriesOfFunctionsAndNesting() throws {
        // rate over a gauge rising 1 per 15 s is 1/15 per second at every inner step.
        #expect(close(try fixture.value("max_over_time(rate(x[1m])[5m:1m])", at: 300), 1.0 / 15))
        #expect(try fixture.value("count_over_time(count_over_time(x[1m])[5m:1m])", at: 300) == 5)
        // Outer steps 240 and 300; inner sums x(T − 30) + x(T): 14 + 16 = 30 and 18 + 20 = 38.
        #expect(try fixture.value("min_over_time(sum_over_time(x[1m:30s])[2m:1m])", at: 300) == 30)
    }

    @Test func rangeQueryOfASubquery() throws {
        let result = try fixture.engine.range(
            "max_over_time(x[2m:1m])", start: .init(seconds: 120), end: .init(seconds: 240), step: .seconds(60))
        #expect(result == .matrix([RangeSeries(labels: Labels(), points: [
            Point(t: .init(seconds: 120), v: 8), Point(t: .init(seconds: 180), v: 12), Point(t: .init(seconds: 240), v: 16),
        ])]))
    }

    @Test func rangeQueriesRefuseRangeVectorsAndStrings() throws {
        let start = Timestamp(seconds: 0)
        #expect(throws: QueryError.evaluation(
            #"invalid expression type "range vector" for range query, must be Scalar or instant Vector"#)) {
            try fixture.engine.range("x[5m]", start: start, end: start, step: .seconds(1))
        }
        #expect(throws: QueryError.evaluation(
            #"invalid expression type "string" for range query, must be Scalar or instant Vector"#)) {
            try fixture.engine.range(#""a""#, start: start, end: start, step: .seconds(1))
        }
        #expect(throws: QueryError.self) { try fixture.engine.range("x", start: start, end: start, step: .zero) }
    }
}
