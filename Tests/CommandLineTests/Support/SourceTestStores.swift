import Foundation
import TestSupport

/// One sample of a test fleet, written the same way into every store a test compares.
struct FixtureSample {
    /// `name{label="value",...}` as exposition text writes it.
    var series: String
    var value: Double
    /// Milliseconds since the epoch (whole seconds, so OpenMetrics can carry them).
    var milliseconds: Int64

    /// The whole test fleet as OpenMetrics text with timestamps in seconds, for `backlog import` and `promtool`.
    static func openMetrics(_ samples: [FixtureSample]) -> String {
        var byMetric: [String: [FixtureSample]] = [:]
        for sample in samples { byMetric[String(sample.series.prefix { $0 != "{" }), default: []].append(sample) }
        var lines: [String] = []
        for (metric, group) in byMetric.sorted(by: { $0.key < $1.key }) {
            lines.append("# TYPE \(metric) gauge")
            // OpenMetrics wants each series' samples together and in time order.
            for sample in group.sorted(by: { ($0.series, $0.milliseconds) < ($1.series, $1.milliseconds) }) {
                lines.append("\(sample.series) \(format(sample.value)) \(sample.milliseconds / 1000)")
            }
        }
        return (lines + ["# EOF"]).joined(separator: "\n") + "\n"
    }

    /// Prometheus text with timestamps in milliseconds, for VictoriaMetrics's `/api/v1/import/prometheus`.
    static func prometheusText(_ samples: [FixtureSample]) -> String {
        samples.map { "\($0.series) \(format($0.value)) \($0.milliseconds)" }.joined(separator: "\n") + "\n"
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// A real VictoriaMetrics or Prometheus on loopback, holding the samples a test loaded.
final class SourceStore {
    let url: String
    private let process: Process

    private init(url: String, process: Process) {
        self.url = url
        self.process = process
    }

    static let victoriaMetricsBinary = "/usr/bin/victoria-metrics"
    static let prometheusBinary = "/usr/bin/prometheus"
    static let promtoolBinary = "/usr/bin/promtool"

    static var haveEngines: Bool {
        [victoriaMetricsBinary, prometheusBinary, promtoolBinary].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    /// VictoriaMetrics with `samples` imported, once they all answer queries.
    static func victoriaMetrics(_ samples: [FixtureSample], directory: String, expectSeries: Int) async throws -> SourceStore {
        let store = try await startOnFreePort(name: "VictoriaMetrics", readyPath: "/health") { port in
            (victoriaMetricsBinary, [
                "-retentionPeriod=100y", "-search.latencyOffset=0s", "-search.disableCache", "-httpListenAddr", "127.0.0.1:\(port)",
                "-storageDataPath", "\(directory)/vm-data-\(port)", "-loggerLevel", "ERROR",
            ])
        }
        let file = "\(directory)/vm-import.txt"
        try prometheusText(samples).write(toFile: file, atomically: true, encoding: .utf8)
        _ = try curl(["--data-binary", "@\(file)", "\(store.url)/api/v1/import/prometheus"])
        var answer = ""
        let first = (samples.map(\.milliseconds).min() ?? 0) / 1000
        let last = (samples.map(\.milliseconds).max() ?? 0) / 1000 + 1
        try await waitUntil("VictoriaMetrics holds \(expectSeries) series (it answers \(answer))") {
            _ = try? curl(["\(store.url)/internal/force_flush"])
            // `/api/v1/series/count` counts a series once per index part while parts merge; the list is exact.
            answer = (try? curl(["-G", "\(store.url)/api/v1/series", "--data-urlencode", "match[]={__name__=~\".+\"}", "--data-urlencode", "start=\(first)", "--data-urlencode", "end=\(last)"])) ?? ""
            return answer.components(separatedBy: "\"__name__\"").count - 1 == expectSeries
        }
        return store
    }

    private static func prometheusText(_ samples: [FixtureSample]) -> String { FixtureSample.prometheusText(samples) }

    /// Prometheus over TSDB blocks built by `promtool` from `samples`, once it is ready.
    static func prometheus(_ samples: [FixtureSample], directory: String) async throws -> SourceStore {
        let file = "\(directory)/prom.om"
        try FixtureSample.openMetrics(samples).write(toFile: file, atomically: true, encoding: .utf8)
        let promtool = try ToolRun.run(promtoolBinary, ["tsdb", "create-blocks-from", "openmetrics", file, "\(directory)/prom-db"], in: directory)
        guard promtool.status == 0 else { throw StoreError(message: "promtool failed: \(promtool.output)") }
        let config = "\(directory)/prometheus.yml"
        try "global: {}\n".write(toFile: config, atomically: true, encoding: .utf8)
        return try await startOnFreePort(name: "Prometheus", readyPath: "/-/ready") { port in
            (prometheusBinary, [
                "--storage.tsdb.path", "\(directory)/prom-db", "--storage.tsdb.retention.time=100y", "--config.file", config,
                "--web.listen-address", "127.0.0.1:\(port)", "--log.level", "error",
            ])
        }
    }

    /// Starts an engine on an unused port and waits until it answers `readyPath`; another port
    /// when the engine exits first (a test beside this one took the port in between).
    private static func startOnFreePort(name: String, readyPath: String, _ command: (Int) -> (String, [String])) async throws -> SourceStore {
        for _ in 0..<3 {
            let port = LoopbackPort.unused()
            let (binary, arguments) = command(port)
            let store = try start(binary, arguments, url: "http://127.0.0.1:\(port)")
            try await waitUntil("\(name) at \(store.url) answers \(readyPath)") {
                !store.process.isRunning || (try? curl(["\(store.url)\(readyPath)"])) != nil
            }
            if store.process.isRunning { return store }
        }
        throw StoreError(message: "\(name) exited three times before answering")
    }

    private static func start(_ binary: String, _ arguments: [String], url: String) throws -> SourceStore {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return SourceStore(url: url, process: process)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The body of a successful request by `curl` (a failed one throws).
    @discardableResult
    static func curl(_ arguments: [String]) throws -> String {
        let run = try ToolRun.run("/usr/bin/curl", ["-sf", "--max-time", "5"] + arguments, in: "/")
        guard run.status == 0 else { throw StoreError(message: "curl \(arguments.joined(separator: " ")) failed (\(run.status))") }
        return run.output
    }

    /// Polls `condition` until it holds, failing after `seconds`.
    static func waitUntil(_ what: @autoclosure () -> String, seconds: Double = 120, _ condition: () throws -> Bool) async throws {
        try await TestSupport.waitUntil(what(), timeout: .seconds(seconds), condition)
    }

    struct StoreError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
