import Agent
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// A backlog a test can flip, a rule over it, and a webhook receiver that answers as told.
/// What the test controls while servers answer on their own threads.
final class DeliveryKnobs: Sendable {
    /// The queue length the target serves, for each process name.
    let queue = Mutex<Double>(20_000)
    let names = Mutex<[String]>(["router"])
    /// What the receiver does with each request, in order; the last one repeats.
    let answers = Mutex<[LoopbackBehavior]>([.status(200)])
    /// How long the target waits before answering (none by default).
    let targetDelay = Mutex<Duration?>(nil)
    let lines = Mutex<[String]>([])
}

/// A backlog a test can flip, a rule over it, and a webhook receiver that answers as told.
final class DeliveryFixture: Sendable {
    let directory: String
    let knobs: DeliveryKnobs
    let target: LoopbackHTTPServer
    let receiver: LoopbackHTTPServer
    /// The time the fixture's agents read; tests move it a poll at a time.
    let clock = ManualClock()
    /// The poll interval `writeConfig` sets by default.
    static let interval = PromDuration.millis(200)

    static func start() async throws -> DeliveryFixture {
        let knobs = DeliveryKnobs()
        let target = try await LoopbackHTTPServer.start { _ in
            let value = knobs.queue.withLock { $0 }
            let body = LoopbackBehavior.ok(knobs.names.withLock { $0 }.map { "backlog_test_queue{name=\"\($0)\"} \(value)\n" }.joined())
            return knobs.targetDelay.withLock { $0 }.map { .delayed($0, then: body) } ?? body
        }
        let receiver = try await LoopbackHTTPServer.start { _ in
            knobs.answers.withLock { list in list.count > 1 ? list.removeFirst() : list[0] }
        }
        return DeliveryFixture(knobs: knobs, target: target, receiver: receiver)
    }

    private init(knobs: DeliveryKnobs, target: LoopbackHTTPServer, receiver: LoopbackHTTPServer) {
        directory = NSTemporaryDirectory() + "backlog-delivery-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.knobs = knobs
        self.target = target
        self.receiver = receiver
    }

    func setQueue(_ value: Double) { knobs.queue.withLock { $0 = value } }

    /// The processes the target reports, each with the same queue length.
    func setNames(_ names: [String]) { knobs.names.withLock { $0 = names } }

    func answer(_ list: [LoopbackBehavior]) { knobs.answers.withLock { $0 = list } }

    /// Makes the target answer only after `delay`, so a cycle is still running for that long.
    func delayTarget(_ delay: Duration?) { knobs.targetDelay.withLock { $0 = delay } }

    func shutdown() async {
        await target.shutdown()
        await receiver.shutdown()
    }

    /// backlog.yml and a rule file: `HighBacklog` fires at once when the queue is over 10000.
    /// `extra` is more top-level YAML, such as `external_labels:`.
    func writeConfig(receivers: String? = nil, interval: String = "200ms", extra: String = "") throws -> AgentConfig {
        try """
            groups:
              - name: backlog
                rules:
                  - alert: HighBacklog
                    expr: backlog_test_queue > 10000
                    for: 0s
                    labels: {severity: page}
                    annotations: {summary: "{{ $labels.name }} has {{ $value }} messages queued"}
            """.write(toFile: "\(directory)/rules.yml", atomically: true, encoding: .utf8)
        let hook = receivers ?? """
              - name: hook
                webhook: {url: "\(receiver.url(path: "/hook"))", timeout: 2s}
                match: {severity: page}
            """
        let path = "\(directory)/backlog.yml"
        try """
            interval: \(interval)
            # The longest allowed: a scrape late on a loaded machine would resolve the alert.
            timeout: \(interval)
            targets:
              - {job: chat, targets: ["127.0.0.1:\(target.port)"]}
            rule_files: [rules.yml]
            receivers:
            \(hook)
            history: {path: h.db}
            listen: 127.0.0.1:\(LoopbackPort.unused())
            \(extra)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    var logger: Logger {
        Logger(label: "test") { [knobs] label in
            LineLogHandler(label: label, format: .logfmt, level: .debug) { line in knobs.lines.withLock { $0.append(line) } }
        }
    }

    var log: String { knobs.lines.withLock { $0.joined() } }

    /// Requests the receiver got, bodies parsed as JSON objects.
    var notifications: [[String: Any]] {
        receiver.requests.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] }
    }

    static func figure(_ runtime: AgentRuntime, _ name: String) -> Double {
        runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .flatMap { Double($0.split(separator: " ").last!) } ?? 0
    }

    /// An agent on the fixture's clock, not started.
    func runtime(_ config: AgentConfig) -> AgentRuntime {
        AgentRuntime(config: config, logger: logger, clock: clock)
    }

    /// The loops a started agent runs on the clock: polling, storing and delivery.
    static let loops = 3

    /// Starts `runtime`; returns once its first cycle (the clock stands on the grid) ran and was
    /// stored, and delivery is idle.
    func start(_ runtime: AgentRuntime) async {
        runtime.start()
        _ = await clock.blocked(waiters: Self.loops)
    }

    /// One poll interval later: returns once polling, storing and delivery (`waiters`) wait again.
    func step(waiters: Int = DeliveryFixture.loops) async {
        clock.advance(by: Self.interval)
        _ = await clock.blocked(waiters: waiters)
    }

    /// Moves time a poll at a time until `condition` holds; fails after `maxSteps` polls.
    func advance(until what: String, maxSteps: Int = 3000, _ condition: () -> Bool) async throws {
        for _ in 0..<maxSteps {
            if condition() { return }
            await step()
        }
        try #require(condition(), "no \(what) within \(maxSteps) polls")
    }

    /// A few more polls, after which whatever was still due has been sent.
    func settle(polls: Int = 3) async {
        for _ in 0..<polls { await step() }
    }

    /// Polls `condition` (real processes run on their own time) until it holds or `seconds` pass.
    static func waitUntil(seconds: Int = 10, _ what: String = "condition", _ condition: () -> Bool) async throws {
        try await TestSupport.waitUntil(what, timeout: .seconds(seconds), condition)
    }
}
