import Agent
import Foundation
import History
import Logging
import Probe
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// The limits through the whole agent: real loopback targets, cycles run as steps, a real
/// history file. A scrape over a limit stores its `up 0` and nothing else of it.
@Suite struct ScrapeLimitsAgentTests {
    let directory: String
    static let start: Int64 = 1_700_000_000_000

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-limits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    static func body(_ count: Int) -> String {
        (1...count).map { "q{pid=\"<0.\($0).0>\"} \($0)\n" }.joined()
    }

    func config(_ yaml: String) throws -> AgentConfig {
        let path = "\(directory)/backlog.yml"
        try (yaml + "history: {path: h.db}\n").write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    func runtime(_ config: AgentConfig) -> AgentRuntime {
        AgentRuntime(config: config, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    func time(_ cycle: Int) -> Timestamp { Timestamp(milliseconds: Self.start + Int64(cycle) * 1000) }

    func figure(_ runtime: AgentRuntime, _ name: String) -> Double? {
        runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .flatMap { Double($0.split(separator: " ").last!) }
    }

    /// Every stored series matching `matchers`, from the history file.
    func stored(_ matchers: [LabelMatcher]) throws -> [SeriesData] {
        try HistoryReader(path: "\(directory)/h.db").select(matchers, from: Timestamp(milliseconds: 0), through: time(100))
    }

    /// The values of one target's stored series matching `matchers`, by `pid` (or metric name).
    func stored(job: String, _ matchers: [LabelMatcher] = []) throws -> [String: [Double]] {
        let series = try stored([.equal("job", job)] + matchers)
        return Dictionary(uniqueKeysWithValues: series.map { ($0.labels["pid"] ?? $0.labels.name, $0.values) })
    }

    /// Serves the scripted bodies in turn, repeating the last one.
    func server(_ bodies: [String]) async throws -> LoopbackHTTPServer {
        let served = Mutex(0)
        return try await LoopbackHTTPServer.start { _ in
            served.withLock { count in
                defer { count += 1 }
                return .ok(bodies[min(count, bodies.count - 1)])
            }
        }
    }

    @Test func aTargetOverSampleLimitStoresNothingAndIsKeptAgainOnceUnder() async throws {
        let limited = try await server([Self.body(2), Self.body(5), Self.body(2)])
        let other = try await server([Self.body(5)])
        defer { Task { await limited.shutdown(); await other.shutdown() } }
        let runtime = runtime(try config("""
            interval: 1s
            sample_limit: 3
            targets:
              - {job: limited, targets: ["127.0.0.1:\(limited.port)"]}
              - {job: other, targets: ["127.0.0.1:\(other.port)"], sample_limit: 0}

            """))
        runtime.runCycle(at: time(0))
        #expect(runtime.nodes.allSatisfy { $0.isUp })
        runtime.runCycle(at: time(1))
        #expect(runtime.nodes.map(\.status) == [.down(reason: "sample_limit exceeded: 5 samples, limit 3"), .up])
        runtime.runCycle(at: time(2))
        #expect(runtime.nodes.allSatisfy { $0.isUp }, "back under the limit, the target is up again")
        runtime.stop()
        #expect(figure(runtime, "backlog_target_scrapes_exceeded_sample_limit_total") == 1)
        #expect(figure(runtime, "backlog_target_scrape_pool_exceeded_label_limits_total") == 0)
        // 2 + 2 from the limited target's good scrapes, 3 × 5 from the other: not the 5 refused.
        #expect(figure(runtime, "backlog_samples_scraped_total") == 19, "samples kept, not the refused ones")

        let queues = try stored(job: "limited", [.equal(Labels.metricName, "q")])
        #expect(queues.keys.sorted() == ["<0.1.0>", "<0.2.0>"], "no series only the refused scrape had")
        for values in queues.values {
            #expect(values.count == 3)
            #expect(values.map(Sample.isStaleMarker) == [false, true, false], "ended by the refused scrape, stored again after")
        }
        let synthesized = try stored(job: "limited", [try LabelMatcher(Labels.metricName, .notEqual, "q")])
        #expect(synthesized["up"] == [1, 0, 1])
        #expect(synthesized["scrape_samples_scraped"] == [2, 5, 2], "as Prometheus: the count of the refused body")
        let others = try stored(job: "other", [.equal(Labels.metricName, "q")])
        #expect(others.count == 5 && others.values.allSatisfy { $0 == [$0[0], $0[0], $0[0]] }, "the other target is not affected")
    }

    @Test func aSeriesOverALabelLimitIsNeverStored() async throws {
        let bodies = [
            "ok 1\nq{a=\"1\",b=\"2\"} 1\n", "ok 1\nq{a_rather_long_name=\"1\"} 1\n",
            "ok 1\nq{name=\"\(String(repeating: "x", count: 30))\"} 1\n", "ok 1\nq{a=\"1\"} 1\n",
        ]
        try await withLoopbackServers(bodies.map { .ok($0) }) { servers in
            let runtime = runtime(try config("""
                targets:
                  - {job: many, targets: ["127.0.0.1:\(servers[0].port)"], label_limit: 4}
                  - {job: longname, targets: ["127.0.0.1:\(servers[1].port)"], label_name_length_limit: 10}
                  - {job: longvalue, targets: ["127.0.0.1:\(servers[2].port)"], label_value_length_limit: 20}
                  - {job: fine, targets: ["127.0.0.1:\(servers[3].port)"], label_limit: 4}

                """))
            runtime.runCycle(at: time(0))
            runtime.runCycle(at: time(1))
            let reasons = runtime.nodes.map { node -> String in
                if case .down(let reason) = node.status { reason } else { "up" }
            }
            #expect(reasons == [
                "label_limit exceeded: 5 labels on \"q\" (__name__, a, b, instance, job), limit 4",
                "label_name_length_limit exceeded: label name \"a_rather_long_name\" on \"q\" is 18 bytes, limit 10",
                "label_value_length_limit exceeded: label \"name\" on \"q\" has a value of 30 bytes, limit 20",
                "up",
            ])
            runtime.stop()
            #expect(figure(runtime, "backlog_target_scrape_pool_exceeded_label_limits_total") == 6)
            for job in ["many", "longname", "longvalue"] {
                let names = try stored(job: job).keys.sorted()
                #expect(names == ["scrape_duration_seconds", "scrape_samples_post_metric_relabeling", "scrape_samples_scraped",
                                  "scrape_series_added", "up"], "\(job): only up and scrape_* are stored")
            }
            #expect(try stored(job: "fine", [.equal(Labels.metricName, "q")]).count == 1)
        }
    }

    @Test func aGroupOverTargetLimitFailsAndAGroupUnderItWorks() async throws {
        try await withLoopbackServers((0..<4).map { _ in .ok(Self.body(1)) }) { servers in
            let big = servers[0..<3].map { "\"127.0.0.1:\($0.port)\"" }.joined(separator: ", ")
            func yaml(bigLimit: Int) -> String {
                """
                targets:
                  - {job: big, targets: [\(big)], target_limit: \(bigLimit)}
                  - {job: small, targets: ["127.0.0.1:\(servers[3].port)"], target_limit: 2}

                """
            }
            let runtime = runtime(try config(yaml(bigLimit: 2)))
            runtime.runCycle(at: time(0))
            runtime.runCycle(at: time(1))
            #expect(runtime.nodes.map(\.status) == Array(repeating: .down(reason: "target_limit exceeded: job \"big\" has 3 targets, limit 2"), count: 3) + [.up])
            #expect(servers[0..<3].allSatisfy { $0.requests.isEmpty }, "not polled")
            #expect(figure(runtime, "backlog_target_scrape_pool_exceeded_target_limit_total") == 2, "once per group per cycle")

            runtime.reload(try config(yaml(bigLimit: 3)))
            runtime.runCycle(at: time(2))
            #expect(runtime.nodes.allSatisfy { $0.isUp }, "within the raised limit, the group is polled")
            runtime.stop()
            #expect(figure(runtime, "backlog_target_scrape_pool_exceeded_target_limit_total") == 2)
            #expect(try stored([.equal("job", "big"), .equal(Labels.metricName, "up")]).map(\.values) == [[0, 0, 1], [0, 0, 1], [0, 0, 1]])
            let queues = try stored([.equal("job", "big"), .equal(Labels.metricName, "q")])
            #expect(queues.map(\.values) == [[1], [1], [1]], "stored from the first cycle within the limit")
            #expect(try stored(job: "small", [.equal(Labels.metricName, "q")])["<0.1.0>"] == [1, 1, 1])
        }
    }
}
