import Agent
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// An agent on a manual clock polling one target, with a paging rule on a process's queue and
/// a webhook receiver on loopback: what the alert-evidence tests share.
final class AlertEvidenceFixture: Sendable {
    let directory: String
    let receiver: LoopbackHTTPServer
    let clock = ManualClock()
    let logLines = LogLines()
    static let interval = PromDuration.seconds(1)

    init() async throws {
        directory = NSTemporaryDirectory() + "backlog-alert-evidence-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        receiver = try await LoopbackHTTPServer.start { _ in .status(200) }
    }

    /// backlog.yml polling `target` every second, and a rule paging on `expr` after `for`.
    /// `receivers` replaces the webhook receiver when given.
    func runtime(target: String, expr: String, for hold: String, annotations: String = "{}", receivers: String? = nil) throws -> AgentRuntime {
        try """
            groups:
              - name: processes
                rules:
                  - alert: StuckProcess
                    expr: \(expr)
                    for: \(hold)
                    labels: {severity: page}
                    annotations: \(annotations)
            """.write(toFile: "\(directory)/rules.yml", atomically: true, encoding: .utf8)
        let path = "\(directory)/backlog.yml"
        try """
            interval: 1s
            timeout: 1s
            targets:
              - {job: erlang, targets: ["\(target)"]}
            rule_files: [rules.yml]
            receivers:
            \(receivers ?? """
              - name: hook
                webhook: {url: "\(receiver.url(path: "/hook"))", timeout: 2s}
                match: {severity: page}
            """)
            history: {path: h.db}
            listen: 127.0.0.1:\(LoopbackPort.unused())
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let logger = Logger(label: "test") { [logLines] label in
            LineLogHandler(label: label, format: .logfmt, level: .debug) { line in logLines.lines.withLock { $0.append(line) } }
        }
        return AgentRuntime(config: try AgentConfig.load(path: path), logger: logger, clock: clock)
    }

    var historyPath: String { "\(directory)/h.db" }

    var log: String { logLines.lines.withLock { $0.joined() } }

    /// Starts `runtime`; returns once its first cycle ran and polling, storing and delivery wait.
    func start(_ runtime: AgentRuntime) async {
        runtime.start()
        _ = await clock.blocked(waiters: 3)
    }

    /// Moves time a poll at a time until `condition` holds.
    func advance(until what: String, maxSteps: Int = 300, _ condition: () -> Bool) async throws {
        for _ in 0..<maxSteps {
            if condition() { return }
            clock.advance(by: Self.interval)
            _ = await clock.blocked(waiters: 3)
        }
        try #require(condition(), "no \(what) within \(maxSteps) polls")
    }

    /// `count` more polls.
    func poll(times count: Int) async {
        for _ in 0..<count {
            clock.advance(by: Self.interval)
            _ = await clock.blocked(waiters: 3)
        }
    }

    /// A figure on the agent's `/metrics`, by its exact series text.
    static func figure(_ runtime: AgentRuntime, _ series: String) -> Double {
        runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { Double($0.split(separator: " ").last!) } ?? 0
    }

    /// The alerts of every notification the receiver got, in order.
    var alerts: [[String: Any]] {
        receiver.requests.flatMap { request -> [[String: Any]] in
            let json = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
            return json?["alerts"] as? [[String: Any]] ?? []
        }
    }

    func shutdown() async { await receiver.shutdown() }
}

/// The agent's log lines, as its handler writes them.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
}
