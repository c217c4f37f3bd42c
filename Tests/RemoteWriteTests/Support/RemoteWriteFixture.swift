@testable import Agent
import Foundation
import History
import Logging
import RemoteWrite
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// Shared pieces of the remote-write tests: a temporary folder, captured logs, waiting on
/// conditions with a deadline, and the history's samples as the receiver should have them.
struct RemoteWriteFixture {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-rw-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Log lines captured instead of written to stderr.
    final class CapturedLog: Sendable {
        let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined() } }

        var logger: Logger {
            Logger(label: "test") { label in
                LineLogHandler(label: label, format: .logfmt, level: .debug) { line in self.lines.withLock { $0.append(line) } }
            }
        }
    }

    /// Waits for `condition`, polling, failing the test after `seconds`.
    static func waitUntil(_ what: String, seconds: Int = 120, _ condition: () throws -> Bool) async throws {
        try await TestSupport.waitUntil(what, timeout: .seconds(seconds), condition)
    }

    /// A figure from the agent's `/metrics`, or nil.
    static func figure(_ runtime: AgentRuntime, _ line: String) -> Double? {
        runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix(line + " ") }
            .flatMap { Double($0.split(separator: " ").last!) }
    }

    /// Every sample the history holds, staleness markers left out, per label set (with `extra`
    /// labels added where missing, as external labels are).
    static func stored(_ path: String, adding extra: Labels = Labels()) throws -> [Labels: [(Int64, Double)]] {
        let reader = try HistoryReader(path: path)
        defer { reader.close() }
        let all = try reader.select(
            [try LabelMatcher("__name__", .regexMatch, ".+")], from: Timestamp(milliseconds: 0), through: Timestamp.now())
        var out: [Labels: [(Int64, Double)]] = [:]
        for series in all {
            var labels = series.labels
            for label in extra where labels[label.name] == nil { labels.set(label.name, label.value) }
            let samples = zip(series.timestamps, series.values).filter { !Sample.isStaleMarker($0.1) }
            if !samples.isEmpty { out[labels] = samples.map { ($0.0, $0.1) } }
        }
        return out
    }

    /// What differs between the history and a store: missing series, missing or doubled samples.
    static func differences(expected: [Labels: [(Int64, Double)]], actual: [StoreProcess.Series]) -> [String] {
        var problems: [String] = []
        var got: [Labels: [(Int64, Double)]] = [:]
        for series in actual {
            let samples = zip(series.timestamps, series.values).filter { !$0.1.isNaN }
            if !samples.isEmpty { got[series.labels, default: []] += samples.map { ($0.0, $0.1) } }
        }
        for (labels, samples) in expected {
            guard let received = got[labels] else {
                problems.append("missing series \(labels)")
                continue
            }
            let times = received.map(\.0)
            if Set(times).count != times.count { problems.append("samples twice in \(labels)") }
            if times.sorted() != samples.map(\.0) {
                problems.append("\(labels): stored \(samples.count) samples, receiver has \(received.count)")
                continue
            }
            let byTime = Dictionary(received, uniquingKeysWith: { first, _ in first })
            for (time, value) in samples {
                let other = byTime[time] ?? .nan
                if abs(other - value) > 1e-9 * max(1, abs(value)) { problems.append("\(labels) at \(time): \(value) vs \(other)") }
            }
        }
        for labels in got.keys where expected[labels] == nil { problems.append("unexpected series \(labels)") }
        return problems
    }

    /// Sends what an endpoint has not sent yet from a stopped agent's history, as the agent's next
    /// start would, and waits until the log has nothing left for it.
    static func drain(_ path: String, endpoint: RemoteWriteEndpoint, externalLabels: Labels) async throws {
        let sender = RemoteWriteSender(
            endpoint: endpoint, historyPath: path, externalLabels: externalLabels, version: "test",
            transport: CurlRemoteWriteTransport.make())
        sender.start()
        defer { sender.stop() }
        let log = try RemoteWriteLog(path: path, endpoint: endpoint.remoteName)
        defer { log.close() }
        try await waitUntil("the log is sent") { try log.pendingSamples(from: log.position().position) == 0 }
    }
}
