import Foundation
import TestSupport
import Testing

/// `backlog scrape` against a real Erlang node running the exporter.
@Suite struct ScrapeErlangNodeTests {
    @Test func theThreeFloodedProcessesAreOnTopWithTheirCountsAndNames() throws {
        let node = try ErlangNode(ErlangNode.Configuration(
            shortName: "backlog_cli_\(UInt32.random(in: 0...UInt32.max))",
            setup: [
                "backlog_test_control:spawn_idle(10000)",
                "backlog_test_control:flood(chat_router, 48210)",
                "backlog_test_control:flood(presence_fanout, 12500)",
                "backlog_test_control:flood(push_sender, 3100)",
            ],
            exporterOptions: ["scan_interval_ms => 60000"]))
        defer { node.stop() }
        let run = try CommandRun.backlog(["scrape", "127.0.0.1:\(node.exporterPort)", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").filter { $0.contains("erlang_process_message_queue_len") }
        try #require(rows.count >= 3)
        let top = rows.prefix(3).map(String.init)
        #expect(top[0].contains(#""name":"chat_router""#) && top[0].contains(#""value":"48210""#), "\(top[0])")
        #expect(top[1].contains(#""name":"presence_fanout""#) && top[1].contains(#""value":"12500""#), "\(top[1])")
        #expect(top[2].contains(#""name":"push_sender""#) && top[2].contains(#""value":"3100""#), "\(top[2])")
        #expect(run.stdout.contains(#""__name__":"erlang_node_info""#))
        #expect(run.stdout.contains(#""otp_release":"25""#))
    }
}
