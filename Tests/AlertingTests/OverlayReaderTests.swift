@testable import Alerting
import Query
import Testing
import TimeSeries

/// The overlay's thresholds over produced samples agree with reading the merged series.
@Suite struct OverlayReaderTests {
    /// The overlay's series behind the protocol's default `latestSamples`, which reads them.
    struct SeriesOnly: SeriesReader {
        let overlay: OverlaySeriesReader
        func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
            try overlay.series(matching: matchers, from: from, through: through)
        }
    }

    @Test func latestSamplesAgreeWithTheMergedSeries() throws {
        let stored = InMemorySeriesReader([
            series(labels("__name__", "ratio", "job", "a"), values: [0.1, 0.95], start: 0, step: 10),
            series(labels("__name__", "ratio", "job", "b"), values: [0.9, 0.2], start: 0, step: 10),
            series(labels("__name__", "ratio", "job", "c"), values: [0.99], start: 0, step: 10),
            series(labels("__name__", "other", "job", "a"), values: [5, 6], start: 0, step: 10),
        ])
        let now = at(20)
        // This evaluation's samples: a new value for b, a marker ending c, a new series d, and
        // one of another metric; a sample at another time is not this evaluation's.
        let produced: [String: [Sample]] = [
            "ratio": [
                Sample(labels: labels("__name__", "ratio", "job", "b"), value: 0.97, timestamp: now),
                Sample(labels: labels("__name__", "ratio", "job", "c"), value: StoredSeries.staleMarker, timestamp: now),
                Sample(labels: labels("__name__", "ratio", "job", "d"), value: 0.85, timestamp: now),
                Sample(labels: labels("__name__", "ratio", "job", "e"), value: 0.99, timestamp: at(400)),
            ],
            "other": [Sample(labels: labels("__name__", "other", "job", "z"), value: 1, timestamp: now)],
        ]
        let overlay = OverlaySeriesReader(base: stored, produced: produced)
        let plain = SeriesOnly(overlay: overlay)
        let selectors: [[LabelMatcher]] = [
            [.equal("__name__", "ratio")], [.equal("__name__", "ratio"), .equal("job", "d")],
            [try LabelMatcher("__name__", .regexMatch, "ratio|other")], [.equal("job", "a")],
            [.equal("__name__", "ratio"), try LabelMatcher("job", .notEqual, "b")],
        ]
        for matchers in selectors {
            for threshold in [0.0, 0.8, 0.96] {
                for time in [now, at(19), at(25), at(330)] {
                    let fast = try overlay.latestSamples(matching: matchers, at: time, lookback: .seconds(300)) { $0 > threshold }
                    let slow = try plain.latestSamples(matching: matchers, at: time, lookback: .seconds(300)) { $0 > threshold }
                    #expect(fast.map(\.labels) == slow.map(\.labels), "\(matchers) > \(threshold) at \(time)")
                    #expect(fast.map(\.value) == slow.map(\.value), "\(matchers) > \(threshold) at \(time)")
                }
            }
        }
    }
}
