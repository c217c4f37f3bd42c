import Query
import Testing
import TimeSeries

/// How far back an expression reads, which sizes the agent's in-memory history window.
@Suite struct LookbehindTests {
    func reach(_ text: String) throws -> Int64? {
        try QueryEngine.parse(text).lookbehind(lookback: .seconds(300))?.milliseconds
    }

    @Test func selectorsRangesOffsetsAndSubqueries() throws {
        #expect(try reach("1 + 2") == 0)
        #expect(try reach("q > 10") == 300_000)
        #expect(try reach("rate(c[30s])") == 30_000)
        #expect(try reach("max_over_time(q[20m]) / q") == 1_200_000)
        #expect(try reach("q offset 10m") == 900_000)
        #expect(try reach("sum by (node) (rate(c[1m] offset 1h))") == 3_660_000)
        #expect(try reach("max_over_time(rate(c[1m])[10m:30s])") == 660_000)
        #expect(try reach("topk(3, q)") == 300_000)
        #expect(try reach("q @ 100") == nil)
        #expect(try reach("q + (rate(c[5m] @ end()))") == nil)
    }
}
