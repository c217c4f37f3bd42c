import Foundation
import History
import TimeSeries

/// A fresh directory under the system temp dir, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "history-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String = "history.db") -> String { path + "/" + name }
}

/// Builders for test series.
enum Fixture {
    static func labels(_ name: String, _ extra: [String: String] = [:]) -> Labels {
        var all = extra
        all[Labels.metricName] = name
        return Labels(all)
    }

    static func sample(_ labels: Labels, _ value: Double, at seconds: Int64) -> Sample {
        Sample(labels: labels, value: value, timestamp: Timestamp(milliseconds: seconds * 1000))
    }

    static func time(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: seconds * 1000) }

    static var all: [LabelMatcher] { [try! LabelMatcher(Labels.metricName, .regexMatch, ".+")] }
}
