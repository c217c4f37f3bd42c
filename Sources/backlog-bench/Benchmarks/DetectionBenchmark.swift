import Agent
import Foundation
import Logging
import Synchronization
import TestSupport

/// How long from a backlog crossing a rule's threshold to the webhook hearing about it, through
/// the whole agent: poll (1 s), store, evaluate, group, outbox, libcurl POST.
///
/// A loopback target serves a queue length the benchmark flips past 10000 at evenly spread phases of
/// the poll grid; a loopback webhook records when the firing notification arrives. Between
/// jumps the backlog drops and the resolution is awaited, so every jump is a new alert.
enum DetectionBenchmark {
    static let jumps = 20

    /// What the servers see, shared with their event-loop threads.
    final class Probe: Sendable {
        let queue = Mutex<Double>(0)
        /// Arrival times of firing and resolved notifications.
        let arrivals = Mutex<(firing: [ContinuousClock.Instant], resolved: [ContinuousClock.Instant])>(([], []))
    }

    static func run() -> [BenchmarkResult] {
        let probe = Probe()
        let servers = blocking {
            let target = try await LoopbackHTTPServer.start { _ in
                .ok("backlog_bench_queue{name=\"router\"} \(probe.queue.withLock { $0 })\n")
            }
            let hook = try await LoopbackHTTPServer.start { request in
                let firing = String(decoding: request.body, as: UTF8.self).contains(#""status":"firing","alerts""#)
                let now = ContinuousClock.now
                probe.arrivals.withLock { if firing { $0.firing.append(now) } else { $0.resolved.append(now) } }
                return .status(200)
            }
            return (target, hook)
        }
        let directory = NSTemporaryDirectory() + "backlog-bench-detection-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runtime: AgentRuntime
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try BenchRules.write(in: directory)
            try """
                interval: 1s
                targets: [{job: bench, targets: ["127.0.0.1:\(servers.0.port)"]}]
                rule_files: [rules.yml]
                receivers: [{name: bench, webhook: {url: "\(servers.1.url(path: "/hook"))"}}]
                history: {path: bench.db}
                listen: 127.0.0.1:0
                """.write(toFile: "\(directory)/backlog.yml", atomically: true, encoding: .utf8)
            runtime = AgentRuntime(config: try AgentConfig.load(path: "\(directory)/backlog.yml"), logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        } catch {
            fatalError("detection benchmark setup failed: \(error)")
        }
        runtime.start()
        Thread.sleep(forTimeInterval: 1.5)
        var latencies: [Double] = []
        for jump in 0..<jumps {
            // Phases spread evenly over the poll grid (the wait starts just after a cycle's
            // resolution arrived), so early and late jumps are covered alike and the median
            // measures the pipeline rather than the luck of twenty random draws.
            Thread.sleep(forTimeInterval: (Double(jump) + 0.5) / Double(jumps))
            let firedBefore = probe.arrivals.withLock { $0.firing.count }
            let jumpedAt = ContinuousClock.now
            probe.queue.withLock { $0 = 20_000 }
            guard let arrival = wait(for: { $0.firing.count > firedBefore ? $0.firing.last : nil }, probe) else {
                fatalError("jump \(jump): no firing notification within 10 s")
            }
            latencies.append(Double((arrival - jumpedAt).components.attoseconds) / 1e15 + Double((arrival - jumpedAt).components.seconds) * 1000)
            let resolvedBefore = probe.arrivals.withLock { $0.resolved.count }
            probe.queue.withLock { $0 = 0 }
            guard wait(for: { $0.resolved.count > resolvedBefore ? $0.resolved.last : nil }, probe) != nil else {
                fatalError("jump \(jump): no resolution within 10 s")
            }
        }
        runtime.stop()
        blocking {
            await servers.0.shutdown()
            await servers.1.shutdown()
        }
        latencies.sort()
        return [
            BenchmarkResult(name: "detection_latency_p50_ms", value: latencies[latencies.count / 2], unit: "ms"),
            BenchmarkResult(name: "detection_latency_max_ms", value: latencies.last ?? 0, unit: "ms"),
        ]
    }

    static func wait(
        for found: ((firing: [ContinuousClock.Instant], resolved: [ContinuousClock.Instant])) -> ContinuousClock.Instant?, _ probe: Probe
    ) -> ContinuousClock.Instant? {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if let instant = probe.arrivals.withLock({ found($0) }) { return instant }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return nil
    }

    /// Runs async setup from the benchmark's synchronous world.
    static func blocking<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) -> Value {
        let box = ResultBox<Value>()
        Task {
            let outcome: Result<Value, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            box.result.withLock { $0 = outcome }
            box.done.signal()
        }
        box.done.wait()
        switch box.result.withLock({ $0 })! {
        case .success(let value): return value
        case .failure(let error): fatalError("detection benchmark: \(error)")
        }
    }

    /// Hands a result from a task back to the waiting thread.
    final class ResultBox<Value: Sendable>: Sendable {
        let result = Mutex<Result<Value, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
    }
}
