import Agent
import Dashboard
import DashboardFeed
import Foundation
import History
import Logging
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// The series budget through the whole agent: a target whose pids churn every scrape and a
/// steady one, both real loopback targets, cycles run as steps at chosen times, a real history file.
@Suite struct SeriesBudgetAgentTests {
    let directory: String
    static let start: Int64 = 1_700_000_000_000

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-budget-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    final class CapturedLog: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }

        var logger: Logger {
            Logger(label: "test") { label in
                LineLogHandler(label: label, format: .logfmt, level: .debug) { line in self.lines.withLock { $0.append(line) } }
            }
        }
    }

    func time(_ second: Int) -> Timestamp { Timestamp(milliseconds: Self.start + Int64(second) * 1000) }

    func figure(_ runtime: AgentRuntime, _ line: String) -> Double? {
        runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix(line + " ") }
            .flatMap { Double($0.split(separator: " ").last!) }
    }

    /// Whether the churning target still churns.
    final class Churn: Sendable {
        let on = Atomic(true)
    }

    /// 200 pids never served before on each scrape while `churn` is on, then one fixed set.
    static func churningServer(_ churn: Churn) async throws -> LoopbackHTTPServer {
        let scrapes = Atomic(0)
        return try await LoopbackHTTPServer.start { _ in
            let scrape = churn.on.load(ordering: .relaxed) ? scrapes.add(1, ordering: .relaxed).newValue : 0
            return .ok((0..<200).map { "erlang_process_message_queue_len{pid=\"<0.\(scrape * 1000 + $0).0>\"} 3\n" }.joined())
        }
    }

    /// Five steady processes; from the second scrape on, a sixth whose mailbox starts to back up.
    static func steadyServer() async throws -> LoopbackHTTPServer {
        let scrapes = Atomic(0)
        return try await LoopbackHTTPServer.start { _ in
            let scrape = scrapes.add(1, ordering: .relaxed).newValue
            let pids = scrape >= 2 ? 6 : 5
            return .ok((1...pids).map { "erlang_process_message_queue_len{pid=\"<0.\($0).0>\"} \($0 * 10)\n" }.joined())
        }
    }

    @Test func refusesTheChurningTargetKeepsTheSteadyOneAndRecovers() async throws {
        let churning = Churn()
        let churn = try await Self.churningServer(churning)
        let steady = try await Self.steadyServer()
        defer { Task { await churn.shutdown(); await steady.shutdown() } }
        let path = "\(directory)/backlog.yml"
        try """
            interval: 1s
            targets:
              - {job: churn, targets: ["127.0.0.1:\(churn.port)"]}
              - {job: steady, targets: ["127.0.0.1:\(steady.port)"]}
            history: {path: h.db, memory_window: 1m, max_series: 300}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let log = CapturedLog()
        let runtime = AgentRuntime(config: try AgentConfig.load(path: path), logger: log.logger)
        let recent = Mutex(RecentFleet(metrics: runtime.config.backlogMetrics))
        runtime.observeCycles { cycle in recent.withLock { $0.absorb(cycle) } }
        defer { runtime.stop() }
        let churnURL = churn.url()

        // 200 + 5 + the 10 scrape series fit; from then on the churning target is over its share.
        for second in 0..<4 { runtime.runCycle(at: time(second)) }
        let store = try #require(runtime.apiStore)
        #expect(figure(runtime, "backlog_series_budget") == 300)
        #expect(figure(runtime, "backlog_series_refused_total{target=\"\(churnURL)\"}") == 600)
        #expect(figure(runtime, "backlog_series_budget_refusing_targets") == 1)
        #expect(!runtime.metrics.render().contains("backlog_series_refused_total{target=\"\(steady.url())\"}"))
        let steadyPids = try store.select([.equal("job", "steady"), .equal("__name__", "erlang_process_message_queue_len")],
                                          from: time(0), through: time(4))
        #expect(steadyPids.count == 6, "the steady target's new pid is stored")
        #expect(steadyPids.allSatisfy { $0.timestamps.last == time(3).milliseconds })
        let churned = try store.select([.equal("job", "churn")], from: time(0), through: time(4))
        #expect(churned.filter { $0.labels.name == "up" }.first?.values == [1, 1, 1, 1], "the churning target's own series go on")
        #expect(store.seriesInMemory <= 300 + SeriesBudget(maxSeries: 300).reserve)
        let warnings = log.all.filter { $0.contains("series budget: refusing") }
        #expect(warnings.count == 1, "once per episode: \(warnings)")
        #expect(warnings.first?.contains(churnURL) == true)

        // The nodes panel marks the churning node.
        let model = DashboardModelBuilder.model(recent: recent.withLock { $0 }, interval: .seconds(1), alerts: [], paused: false)
        let lines = DashboardScreen(model: model, state: DashboardState()).render(width: 120, height: 24).lines
        let row = try #require(lines.first { $0.hasPrefix("127.0.0.1:\(churn.port)") }, "\(lines.joined(separator: "\n"))")
        #expect(row.contains("new series refused"), "\(row)")
        #expect(lines.first { $0.hasPrefix("127.0.0.1:\(steady.port)") }?.contains("refused") == false)

        // Churn stops. Past the idle cut and the memory window the churned series leave memory;
        // then the target's series are taken again, and the old ones are still in the file.
        churning.on.store(false, ordering: .relaxed)
        runtime.runCycle(at: time(400))
        #expect(store.seriesInMemory < 50, "stale series left memory: \(store.seriesInMemory)")
        runtime.runCycle(at: time(401))
        runtime.runCycle(at: time(402))
        #expect(figure(runtime, "backlog_series_budget_refusing_targets") == 0)
        #expect(log.all.contains { $0.contains("stored again") && $0.contains(churnURL) })
        let firstCycle = try store.select([.equal("job", "churn"), .equal("pid", "<0.1005.0>")], from: time(0), through: time(402))
        // Its value, then the staleness marker of the next scrape, which no longer served it.
        #expect(firstCycle.first?.values.first == 3, "the first scrape's series are still readable from the file")
        #expect(firstCycle.first?.values.count == 2)
        let now = try store.latestSamples([.equal("job", "churn"), .equal("__name__", "erlang_process_message_queue_len")],
                                          at: time(402), lookback: .seconds(300), keep: { _ in true })
        #expect(now.count == 200)
    }
}
