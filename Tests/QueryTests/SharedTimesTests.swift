@testable import Query
import Testing
import TimeSeries

/// Range functions over series that share one array of sample times (as a scrape's series
/// do), whose window bounds the engine finds once, give what each series gives on its own.
@Suite struct SharedTimesTests {
    static let functions = [
        "rate", "increase", "delta", "irate", "idelta", "deriv", "changes", "resets", "avg_over_time", "min_over_time",
        "max_over_time", "sum_over_time", "count_over_time", "last_over_time",
    ]

    @Test(arguments: functions) func sharedTimesGiveWhatEachSeriesGivesAlone(_ function: String) throws {
        let scrape = (0..<20).map { Int64($0) * 15_000 }
        let stale = StoredSeries.staleMarker
        let fleet = (0..<9).map { index in
            // One array for every series: the reader keeps it shared.
            StoredSeries(
                labels: labels(#"c{id="\#(index)"}"#), timestamps: scrape,
                values: scrape.indices.map { step in
                    index == 3 && step == 11 ? stale : index == 5 && step % 4 == 0 ? 0 : Double(step * (index + 1)) + Double(index) / 3
                })
        }
        let together = QueryEngine(reader: InMemorySeriesReader(fleet))
        let query = "\(function)(c[1m])"
        for start: Int64 in [0, 44_000, 165_000] {
            let range = (Timestamp(milliseconds: start), Timestamp(milliseconds: start + 150_000))
            guard case .matrix(let rows) = try together.range(query, start: range.0, end: range.1, step: .seconds(5)) else {
                Issue.record("\(query) is not a matrix")
                continue
            }
            for stored in fleet {
                // The series alone, with its own copy of the times.
                let alone = QueryEngine(
                    reader: InMemorySeriesReader([
                        StoredSeries(labels: stored.labels, timestamps: stored.timestamps.map { $0 }, values: stored.values)
                    ]))
                guard case .matrix(let own) = try alone.range(query, start: range.0, end: range.1, step: .seconds(5)) else { continue }
                let shared = rows.first { $0.labels == (own.first?.labels ?? Labels()) }
                #expect(shared?.points.map(\.t) == own.first?.points.map(\.t), "\(query) \(stored.labels)")
                #expect(shared?.points.map(\.v.bitPattern) == own.first?.points.map(\.v.bitPattern), "\(query) \(stored.labels)")
            }
        }
    }
}
