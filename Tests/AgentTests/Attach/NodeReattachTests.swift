import Agent
import Foundation
import Probe
import TestSupport
import Testing
import TimeSeries

/// The agent loads the exporter into its `erlang_nodes` and again after a node restarts, with a
/// real named node; the agent's time is a manual clock stepped with each cycle.
@Suite(.serialized) struct NodeReattachTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-reattach-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func config(node: NamedNode, port: Int) throws -> AgentConfig {
        let path = "\(directory)/backlog.yml"
        try """
            history: {path: h.db}
            erlang_nodes:
              job: chat
              nodes: ["\(node.name)"]
              cookie_file: \(node.cookieFile)
              port: \(port)
              options: {scan_interval_ms: 200}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    /// One cycle a second of the agent's time; true when the node's target answered.
    func step(_ runtime: AgentRuntime, _ clock: ManualClock) -> Bool {
        clock.advance(by: .seconds(1))
        runtime.runCycle(at: clock.now())
        return runtime.nodes.first?.status == .up
    }

    func attempts(_ runtime: AgentRuntime, _ result: String) -> Double {
        let line = runtime.metrics.render().split(separator: "\n").first { $0.hasPrefix("backlog_attach_attempts_total{result=\"\(result)\"} ") }
        return line.flatMap { Double($0.split(separator: " ").last!) } ?? -1
    }

    @Test func attachesAtStartAndAgainAfterTheNodeRestarts() async throws {
        var node = try await NamedNode.start()
        defer { node.stop() }
        let port = LoopbackPort.unused()
        let clock = ManualClock()
        let log = AgentRuntimeTests.CapturedLog()
        let runtime = AgentRuntime(config: try config(node: node, port: port), logger: log.logger, clock: clock)
        defer { runtime.stop() }

        // The exporter answers before the attaching `erl` has exited and the attach is counted.
        try await waitUntil("the agent attaches, counts it and its target answers", timeout: .seconds(120), pollEvery: .milliseconds(50)) {
            step(runtime, clock) && attempts(runtime, "started") >= 1
        }
        #expect(runtime.nodes.first?.instance == "127.0.0.1:\(port)")
        #expect(attempts(runtime, "started") == 1)
        #expect(log.text.contains("msg=\"exporter attached\"") && log.text.contains("node=\(node.name)") && log.text.contains("compiled with erlc"))
        #expect(!log.text.contains(try String(contentsOfFile: node.cookieFile, encoding: .utf8)), "the cookie is never logged")

        node = try await node.restarted()
        try await waitUntil("the agent sees the restarted node's target down", timeout: .seconds(60), pollEvery: .milliseconds(50)) {
            !step(runtime, clock)
        }
        try await waitUntil("the agent attaches again, counts it and the target answers", timeout: .seconds(120), pollEvery: .milliseconds(50)) {
            step(runtime, clock) && attempts(runtime, "started") >= 2
        }
        #expect(attempts(runtime, "started") == 2)
        #expect(try node.call("erlang", "whereis", "[backlog_exporter]").hasPrefix("<"), "the exporter runs on the new node")
    }

    @Test func aReloadThatNamesANodeAttachesIt() async throws {
        let node = try await NamedNode.start()
        defer { node.stop() }
        let port = LoopbackPort.unused()
        let withNode = try config(node: node, port: port)
        let path = "\(directory)/backlog.yml"
        try "history: {path: h.db}\ntargets: [{job: web, targets: ['127.0.0.1:\(LoopbackPort.unused())']}]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let clock = ManualClock()
        let log = AgentRuntimeTests.CapturedLog()
        let runtime = AgentRuntime(config: try AgentConfig.load(path: path), logger: log.logger, clock: clock)
        defer { runtime.stop() }
        _ = step(runtime, clock)
        #expect(attempts(runtime, "started") == -1, "no erlang_nodes, no attach counters")

        runtime.reload(withNode)
        try await waitUntil("the agent attaches the node the reload named", timeout: .seconds(120), pollEvery: .milliseconds(50)) {
            _ = step(runtime, clock)
            return runtime.nodes.contains { $0.job == "chat" && $0.status == .up } && attempts(runtime, "started") >= 1
        }
        #expect(attempts(runtime, "started") == 1)
    }

    @Test func aNodeThatIsNotRunningIsRetriedWithTheReasonLoggedAndCounted() async throws {
        let node = try await NamedNode.start()
        defer { node.stop() }
        node.kill()
        let clock = ManualClock()
        let log = AgentRuntimeTests.CapturedLog()
        let runtime = AgentRuntime(config: try config(node: node, port: LoopbackPort.unused()), logger: log.logger, clock: clock)
        defer { runtime.stop() }
        try await waitUntil("two attaches failed", timeout: .seconds(120), pollEvery: .milliseconds(50)) {
            _ = step(runtime, clock)
            return attempts(runtime, "failed") >= 2
        }
        #expect(log.text.contains("msg=\"attach failed\"") && log.text.contains("no node \(node.name) is running"), "\(log.text)")
        #expect(log.text.contains("retry_in=10s"))
    }
}
