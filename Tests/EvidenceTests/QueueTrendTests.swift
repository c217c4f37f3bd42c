import Evidence
import Testing
import TimeSeries

/// The queue trend from the history's last minute, or from two readings.
@Suite struct QueueTrendTests {
    let now = Timestamp(milliseconds: 1_764_000_600_000)

    func at(_ secondsAgo: Int64, _ value: Double) -> (time: Timestamp, value: Double) {
        (Timestamp(milliseconds: now.milliseconds - secondsAgo * 1000), value)
    }

    @Test func fromTheFirstToTheLastSampleOfTheLastMinute() throws {
        let points = [at(120, 0), at(60, 1_000), at(30, 5_500), at(0, 10_000)]
        let trend = try #require(QueueTrend.fromHistory(points, now: now))
        #expect(trend == QueueTrend(perSecond: 150, seconds: 60, basis: .history))
    }

    @Test func samplesOlderThanTheWindowAreLeftOut() throws {
        let trend = try #require(QueueTrend.fromHistory([at(61, 0), at(50, 100), at(10, 100)], now: now))
        #expect(trend.perSecond == 0 && trend.seconds == 40)
    }

    @Test func oneSampleIsNoTrend() {
        #expect(QueueTrend.fromHistory([at(120, 3), at(5, 8)], now: now) == nil)
        #expect(QueueTrend.fromHistory([], now: now) == nil)
    }

    @Test func twoReadings() {
        #expect(QueueTrend.fromReadings(first: 100, second: 40, seconds: 2) == QueueTrend(perSecond: -30, seconds: 2, basis: .readings))
        #expect(QueueTrend.fromReadings(first: 1, second: 2, seconds: 0) == nil)
    }
}
