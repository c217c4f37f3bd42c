import Alerting
import Foundation
import Query
import TimeSeries

/// Rules from YAML text, failing the test with every error if the text is not valid.
func ruleSet(_ yaml: String, file: String = "rules.yml") throws -> RuleSet {
    RuleSet(files: [try RuleFileParser.parse(yaml, file: file)])
}

/// A time `seconds` after the epoch.
func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

/// Labels from pairs, such as `labels("__name__", "q", "pid", "<0.1.0>")`.
func labels(_ pairs: String...) -> Labels {
    Labels(stride(from: 0, to: pairs.count, by: 2).map { Label(pairs[$0], pairs[$0 + 1]) })
}

/// A series with one sample every `step` seconds from `start`, as a poller would have stored it.
func series(_ labels: Labels, values: [Double], start: Int64 = 0, step: Int64 = 1) -> StoredSeries {
    StoredSeries(
        labels: labels, timestamps: values.indices.map { (start + Int64($0) * step) * 1000 }, values: values)
}

/// A reader whose every series has the same constant value over the first hour.
func constant(_ items: (Labels, Double)...) -> InMemorySeriesReader {
    InMemorySeriesReader(items.map { series($0.0, values: Array(repeating: $0.1, count: 3600)) })
}

/// A reader that fails for one metric name, to test that a failing rule does not stop the others.
struct FailingReader: SeriesReader {
    let base: InMemorySeriesReader
    let failingMetric: String

    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk on fire" }
    }

    func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        if matchers.contains(where: { $0.name == Labels.metricName && $0.value == failingMetric }) { throw Failure() }
        return base.series(matching: matchers, from: from, through: through)
    }
}

/// Alerts handed to a sink, collected for a test.
final class SinkRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var batches: [[Alert]] = []

    var sink: AlertSink {
        { [self] alerts in
            lock.lock()
            batches.append(alerts)
            lock.unlock()
        }
    }

    var received: [[Alert]] {
        lock.lock()
        defer { lock.unlock() }
        return batches
    }
}

/// A fresh folder under the temporary directory.
func temporaryFolder(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "backlog-\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes text to a file and returns its path.
@discardableResult
func write(_ text: String, to path: String) throws -> String {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}
