import Agent
import Foundation
import History
import Logging
import Probe
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// The agent's poll → store pipeline with real loopback targets and a real history file.
@Suite struct AgentRuntimeTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-agent-\(UUID().uuidString)"
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

    func config(targets: [String], historyPath: String) throws -> AgentConfig {
        let list = targets.map { "\"\($0)\"" }.joined(separator: ", ")
        let path = "\(directory)/backlog.yml"
        try "interval: 200ms\ntargets:\n  - {job: chat, targets: [\(list)]}\nhistory: {path: \(historyPath)}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    /// Runs `count` cycles as steps, 200 ms apart on the grid, without the poll thread.
    func runCycles(_ runtime: AgentRuntime, _ count: Int) {
        for index in 0..<count { runtime.runCycle(at: Timestamp(milliseconds: 1_700_000_000_000 + Int64(index) * 200)) }
    }

    func figure(_ runtime: AgentRuntime, _ line: String) -> Double? {
        runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix(line + " ") }
            .flatMap { Double($0.split(separator: " ").last!) }
    }

    @Test func storesEveryCycleAndLogsADownTargetOnce() async throws {
        try await withLoopbackServers([.ok("erlang_process_message_queue_len{pid=\"<0.1.0>\",name=\"router\"} 42\n")]) { servers in
            let refused = "127.0.0.1:\(LoopbackPort.unused())"
            let log = CapturedLog()
            let runtime = AgentRuntime(
                config: try config(targets: ["127.0.0.1:\(servers[0].port)", refused], historyPath: "h.db"), logger: log.logger)
            runCycles(runtime, 3)
            runtime.stop()
            #expect(figure(runtime, "backlog_store_appends_total") == 3)
            #expect(figure(runtime, "backlog_targets_up") == 1)
            #expect(figure(runtime, "backlog_store_healthy") == 1)
            #expect(log.text.components(separatedBy: "msg=\"target down\"").count == 2, "logged once, not every cycle")
            let reader = try HistoryReader(path: "\(directory)/h.db")
            let series = try reader.select([LabelMatcher.equal("name", "router")], from: Timestamp(milliseconds: 0), through: Timestamp.now())
            #expect(series.first?.values.count == 3)
            #expect(series.first?.labels["job"] == "chat")
            let up = try reader.select([LabelMatcher.equal("__name__", "up"), LabelMatcher.equal("instance", refused)],
                                       from: Timestamp(milliseconds: 0), through: Timestamp.now())
            #expect(up.first?.values.allSatisfy { $0 == 0 } == true, "a down target's up 0 is stored too")
        }
    }

    @Test func aLockedHistoryIsReportedAndPollingGoesOn() async throws {
        try await withLoopbackServers([.ok("q 1\n")]) { servers in
            let path = "\(directory)/locked.db"
            let holder = try HistoryStore(path: path)
            defer { holder.close() }
            let log = CapturedLog()
            let runtime = AgentRuntime(config: try config(targets: ["127.0.0.1:\(servers[0].port)"], historyPath: path), logger: log.logger)
            runCycles(runtime, 3)
            runtime.stop()
            #expect(figure(runtime, "backlog_cycles_total") == 3)
            #expect(figure(runtime, "backlog_store_healthy") == 0)
            #expect(figure(runtime, "backlog_targets_up") == 1, "polling continues while the store fails")
            #expect((figure(runtime, "backlog_samples_lost_total") ?? 0) >= 3 * 6, "lost samples are counted, not hidden")
            #expect(log.text.contains("history failing; polling and alerting continue"))
            #expect(log.text.contains(path), "the error names the file")
            #expect(log.text.components(separatedBy: "history failing").count == 2, "one report per distinct error")
        }
    }

    @Test func pollsOnTheClocksGrid() async throws {
        try await withLoopbackServers([.ok("q 1\n")]) { servers in
            let clock = ManualClock()
            let runtime = AgentRuntime(
                config: try config(targets: ["127.0.0.1:\(servers[0].port)"], historyPath: "grid.db"), logger: CapturedLog().logger, clock: clock)
            let stamps = Mutex<[Timestamp]>([])
            runtime.observeCycles { cycle in stamps.withLock { $0.append(cycle.timestamp) } }
            runtime.start()
            #expect(await clock.blocked())
            for _ in 0..<2 {
                clock.advance(by: .millis(200))
                #expect(await clock.blocked())
            }
            runtime.stop()
            #expect(stamps.withLock { $0 } == [0, 200, 400].map { clock.epoch + .millis($0) })
            #expect(figure(runtime, "backlog_cycles_total") == 3)
            #expect(figure(runtime, "backlog_missed_ticks_total") == 0)
        }
    }

    @Test func servesItsOwnMetricsOnLoopback() throws {
        let runtime = AgentRuntime(config: try config(targets: ["127.0.0.1:1"], historyPath: "m.db"), logger: CapturedLog().logger)
        let server = try AgentHTTPServer(host: "127.0.0.1", port: 0, router: AgentRoutes.router(runtime))
        defer { server.shutdown() }
        let metrics = try LoopbackConnection(port: server.port).get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("# TYPE backlog_cycles_total counter"))
        let alerts = try LoopbackConnection(port: server.port).get("/api/v1/alerts")
        #expect(alerts.text == #"{"status":"success","data":{"alerts":[]}}"#)
        #expect(try LoopbackConnection(port: server.port).get("/nope").status == 404)
    }
}
