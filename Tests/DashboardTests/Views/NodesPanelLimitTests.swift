import Agent
import Dashboard
import DashboardFeed
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// A node whose scrape fails for a limit: the nodes panel says which limit, fed as `backlog
/// watch` feeds it (the agent's cycles into `RecentFleet`, mapped by `DashboardModelBuilder`).
@Suite struct NodesPanelLimitTests {
    @Test func aNodeOverALimitSaysWhichLimitInTheNodesPanel() async throws {
        let directory = NSTemporaryDirectory() + "backlog-limits-panel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let body = (1...3).map { "erlang_process_message_queue_len{pid=\"<0.\($0).0>\"} \($0)\n" }.joined()
        try await withLoopbackServers([.ok(body)]) { servers in
            let node = "127.0.0.1:\(servers[0].port)"
            let path = "\(directory)/backlog.yml"
            try """
                sample_limit: 2
                targets: [{job: chat, targets: ["\(node)"]}]
                history: {path: h.db}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            let runtime = AgentRuntime(config: try AgentConfig.load(path: path), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            let recent = Mutex(RecentFleet(metrics: runtime.config.backlogMetrics))
            runtime.observeCycles { cycle in recent.withLock { $0.absorb(cycle) } }
            runtime.runCycle(at: Timestamp(milliseconds: 1_700_000_000_000))
            runtime.stop()
            let model = DashboardModelBuilder.model(recent: recent.withLock { $0 }, interval: .seconds(1), alerts: [], paused: false)

            // The limit's key leads the reason, so it shows however narrow the State column is.
            for width in [120, 80] {
                let lines = DashboardScreen(model: model, state: DashboardState()).render(width: width, height: 24).lines
                #expect(lines.contains { $0.contains("Nodes (1, 1 down)") }, "\(lines.joined(separator: "\n"))")
                let row = try #require(lines.first { $0.hasPrefix(node) }, "\(lines.joined(separator: "\n"))")
                #expect(row.contains("down: sample_limit exceeded"), "\(row)")
            }
            let detail = DashboardScreen(model: model, state: DashboardState(mode: .node(node))).render(width: 120, height: 14).lines
            #expect(detail[1].hasPrefix("─ Node \(node) (down: sample_limit exceeded: 3 samples, limit 2)"), "\(detail[1])")
        }
    }
}
