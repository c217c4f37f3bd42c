import Testing
@testable import Query

/// rate, increase, delta, irate and idelta, with the arithmetic of Prometheus's extrapolation.
@Suite struct RateTests {
    @Test func samplesCoveringTheWholeRangeGiveTheExactRate() throws {
        // Samples every 15 s at t = 0…300, value = t. At t = 300, [5m] is (0, 300]: the sample at
        // 0 is excluded, 20 samples remain, first (15, 15), last (300, 300).
        // change 285, sampled 285 s, average interval 15 s; to start 15 s (< 16.5, extrapolated),
        // zero point 285 × 15/285 = 15 s (not nearer); to end 0 s.
        // increase = 285 × (285 + 15 + 0)/285 = 300; rate = 300 / 300 s = 1.
        let fixture = Fixture([series("x_total", every: 15, (0...20).map { Double($0 * 15) })])
        #expect(close(try fixture.value("rate(x_total[5m])", at: 300), 1))
        #expect(close(try fixture.value("increase(x_total[5m])", at: 300), 300))
        #expect(try fixture.value("count_over_time(x_total[5m])", at: 300) == 20)
    }

    @Test func extrapolationStopsHalfAnIntervalShortWhenSamplesEndEarly() throws {
        // 13 samples every 15 s at t = 60…240, values 10, 20, …, 130. At t = 300, window (0, 300].
        // change 120, sampled 180 s, average 15 s, threshold 1.1 × 15 = 16.5 s.
        // to start 60 s ≥ 16.5 → 7.5 s; zero point 180 × 10/120 = 15 s (not nearer);
        // to end 60 s ≥ 16.5 → 7.5 s. increase = 120 × (180 + 7.5 + 7.5)/180 = 130.
        let fixture = Fixture([series("x_total", every: 15, from: 60, (1...13).map { Double($0 * 10) })])
        #expect(close(try fixture.value("increase(x_total[5m])", at: 300), 130))
        #expect(close(try fixture.value("rate(x_total[5m])", at: 300), 130.0 / 300))
        // delta does not care for zero points: the same 130.
        #expect(close(try fixture.value("delta(x_total[5m])", at: 300), 130))
    }

    @Test func extrapolationIsLimitedToOnePointOneAverageIntervals() throws {
        // Values = t, 19 samples every 15 s. First at 16 s: 16 < 16.5 → extrapolated fully.
        // sampled 270 s (16…286), to start 16 s, to end 14 s: increase = 270 × 300/270 = 300.
        let near = Fixture([series("x_total", every: 15, from: 16, (0..<19).map { 16 + Double($0 * 15) })])
        #expect(close(try near.value("increase(x_total[5m])", at: 300), 300))
        // First at 17 s: 17 ≥ 16.5 → only 7.5 s; last at 287, to end 13 s.
        // increase = 270 × (270 + 7.5 + 13)/270 = 290.5.
        let far = Fixture([series("x_total", every: 15, from: 17, (0..<19).map { 17 + Double($0 * 15) })])
        #expect(close(try far.value("increase(x_total[5m])", at: 300), 290.5))
    }

    @Test func aCounterIsNotExtrapolatedBelowZero() throws {
        // 13 samples every 15 s at t = 120…300, values 1, 6, …, 61. Window (0, 300].
        // change 60, sampled 180 s; to start 120 s → 7.5 s, but the counter was zero
        // 180 × 1/60 = 3 s before the first sample: to start = 3 s. To end 0 s.
        // increase = 60 × (180 + 3)/180 = 61, the counter's whole value.
        let fixture = Fixture([series("x_total", every: 15, from: 120, (0..<13).map { 1 + Double($0 * 5) })])
        #expect(close(try fixture.value("increase(x_total[5m])", at: 300), 61))
        // delta extrapolates the full 7.5 s: 60 × (180 + 7.5)/180 = 62.5.
        #expect(close(try fixture.value("delta(x_total[5m])", at: 300), 62.5))
    }

    @Test func counterResetsAddTheValueBeforeTheReset() throws {
        // Samples (60, 10) (120, 20) (180, 30) (240, 5) (300, 15); at t = 300 all in (0, 300].
        // change 15 − 10 = 5, plus 30 for the reset = 35; sampled 240 s, average 60 s,
        // threshold 66 s; to start 60 s (zero point 240 × 10/35 ≈ 68.6 s, farther); to end 0.
        // increase = 35 × (240 + 60)/240 = 43.75; rate = 43.75 / 300.
        let fixture = Fixture([series("x_total", [(60, 10), (120, 20), (180, 30), (240, 5), (300, 15)])])
        #expect(close(try fixture.value("increase(x_total[5m])", at: 300), 43.75))
        #expect(close(try fixture.value("rate(x_total[5m])", at: 300), 43.75 / 300))
        #expect(try fixture.value("resets(x_total[5m])", at: 300) == 1)
        #expect(try fixture.value("changes(x_total[5m])", at: 300) == 4)
        // delta ignores resets: 5 × 300/240 = 6.25.
        #expect(close(try fixture.value("delta(x_total[5m])", at: 300), 6.25))
    }

    @Test func irateAndIdeltaUseTheLastTwoSamples() throws {
        let fixture = Fixture([series("x_total", [(60, 10), (120, 20), (180, 30), (240, 5), (300, 15)])])
        // Last two (240, 5) (300, 15): irate = 10 / 60 s; idelta = 10.
        #expect(close(try fixture.value("irate(x_total[5m])", at: 300), 10.0 / 60))
        #expect(try fixture.value("idelta(x_total[5m])", at: 300) == 10)
        // At 240 the last two are (180, 30) (240, 5): a reset, so irate = 5 / 60 s; idelta = −25.
        #expect(close(try fixture.value("irate(x_total[5m])", at: 240), 5.0 / 60))
        #expect(try fixture.value("idelta(x_total[5m])", at: 240) == -25)
        // One sample is not enough.
        #expect(try fixture.value("irate(x_total[1m])", at: 300) == nil)
        #expect(try fixture.value("rate(x_total[1m])", at: 300) == nil)
    }

    @Test func rangeQueryEvaluatesEveryStep() throws {
        // Value = t at 1 s resolution; rate(x[1m]) is exactly 1 at every step.
        let fixture = Fixture([series("x_total", every: 1, (0...600).map(Double.init))])
        let result = try fixture.engine.range(
            "rate(x_total[1m])", start: .init(seconds: 60), end: .init(seconds: 600), step: .seconds(60))
        guard case .matrix(let series) = result else {
            Issue.record("not a matrix")
            return
        }
        #expect(series.count == 1)
        #expect(series.first?.labels.isEmpty == true)
        #expect(series.first?.points.map(\.t.milliseconds) == Array(stride(from: 60_000, through: 600_000, by: 60_000)))
        #expect(series.first?.points.allSatisfy { close($0.v, 1) } == true)
    }
}
