@testable import Query
import Testing
import TimeSeries

/// The labels of a selector written in PromQL, such as `up{job="a"}`.
func labels(_ selector: String) -> Labels {
    guard case .vectorSelector(let parsed)? = try? QueryEngine.parse(selector).root else { return Labels() }
    return Labels(parsed.matchers.map { Label($0.name, $0.value) })
}

/// A series with samples at the given times in seconds.
func series(_ selector: String, _ samples: [(Double, Double)]) -> StoredSeries {
    StoredSeries(
        labels: labels(selector), timestamps: samples.map { Int64(($0.0 * 1000).rounded()) }, values: samples.map(\.1))
}

/// A series sampled every `interval` seconds from `start`, one sample per value.
func series(_ selector: String, every interval: Double, from start: Double = 0, _ values: [Double]) -> StoredSeries {
    series(selector, values.enumerated().map { (start + Double($0.offset) * interval, $0.element) })
}

/// An engine over fixed series, with answers shaped for short expectations.
struct Fixture {
    let engine: QueryEngine

    init(_ series: [StoredSeries], options: QueryOptions = QueryOptions()) {
        engine = QueryEngine(reader: InMemorySeriesReader(series), options: options)
    }

    func instant(_ query: String, at seconds: Double) throws -> QueryValue {
        try engine.instant(query, at: Timestamp(seconds: seconds))
    }

    /// An instant vector result as `labels → value`, labels printed like `up{job="a"}`.
    func vector(_ query: String, at seconds: Double) throws -> [String: Double] {
        guard case .vector(let samples) = try instant(query, at: seconds) else {
            Issue.record("\(query) is not an instant vector")
            return [:]
        }
        return Dictionary(uniqueKeysWithValues: samples.map { ($0.labels.description, $0.v) })
    }

    /// An instant vector result as `(labels, value)` in result order.
    func ordered(_ query: String, at seconds: Double) throws -> [String] {
        guard case .vector(let samples) = try instant(query, at: seconds) else { return [] }
        return samples.map { "\($0.labels) \(GoFloatFormat.fixed($0.v))" }
    }

    /// The single value of an instant vector or scalar result, or nil when there is none.
    func value(_ query: String, at seconds: Double) throws -> Double? {
        switch try instant(query, at: seconds) {
        case .scalar(_, let value): return value
        case .vector(let samples):
            if samples.count > 1 { Issue.record("\(query) gave \(samples.count) samples") }
            return samples.first?.v
        default:
            Issue.record("\(query) is neither a scalar nor a vector")
            return nil
        }
    }

    /// The error a query gives, as text.
    func error(_ query: String, at seconds: Double = 0) -> String {
        do {
            _ = try instant(query, at: seconds)
            return "no error"
        } catch {
            return "\(error)"
        }
    }
}

/// Equal to within a relative 1e-12, for results of float arithmetic worked out by hand.
func close(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    if actual == expected || (actual.isNaN && expected.isNaN) { return true }
    return abs(actual - expected) <= 1e-12 * max(abs(expected), 1e-300)
}
