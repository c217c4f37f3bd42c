import Foundation
import TestSupport
import Testing

/// `watch --source` in a real terminal (tmux) over a real VictoriaMetrics: the dashboard of every
/// node the store knows, the bottleneck found from the store's samples, and nodes the store
/// cannot vouch for shown as such.
///
/// Named for `scripts/test`'s real-terminal run (a process of its own, for tmux's sake).
@Suite(.serialized) struct SourceWatchTerminalTests {
    @Test(.enabled(if: TmuxPane.isAvailable && SourceStore.haveEngines, "tmux and victoria-metrics are needed"), .timeLimit(.minutes(2)))
    func watchDrawsTheStoresFleetWithItsBottleneckAndSilentNodes() async throws {
        let directory = NSTemporaryDirectory() + "backlog-source-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // The last three minutes, every 5 s: chat_router on chat1 climbs; chat2's target is
        // down (up 0) for the last minute; chat3 stopped sending 40 s ago.
        let now = Int64(Date().timeIntervalSince1970) * 1000
        var samples: [FixtureSample] = []
        for step in 0..<36 {
            let time = now - Int64(35 - step) * 5000
            func add(_ series: String, _ value: Double) { samples.append(FixtureSample(series: series, value: value, milliseconds: time)) }
            add(#"erlang_process_message_queue_len{instance="h1:9199",job="chat",name="chat_router",pid="<0.100.0>"}"#, 2000 + 40 * Double(step))
            add(#"erlang_process_message_queue_len{instance="h1:9199",job="chat",name="logger",pid="<0.101.0>"}"#, 12)
            add(#"erlang_node_info{instance="h1:9199",job="chat",node="chat1@host",otp_release="26"}"#, 1)
            add(#"up{instance="h1:9199",job="chat"}"#, 1)
            add(#"erlang_vm_process_count{instance="h1:9199",job="chat"}"#, 420)
            let chat2Up = step < 24
            add(#"up{instance="h2:9199",job="chat"}"#, chat2Up ? 1 : 0)
            if chat2Up {
                add(#"erlang_node_info{instance="h2:9199",job="chat",node="chat2@host",otp_release="26"}"#, 1)
                add(#"erlang_process_message_queue_len{instance="h2:9199",job="chat",name="session_sup",pid="<0.200.0>"}"#, 30)
            }
            if step < 28 {
                add(#"erlang_node_info{instance="h3:9199",job="chat",node="chat3@host",otp_release="26"}"#, 1)
                add(#"up{instance="h3:9199",job="chat"}"#, 1)
                add(#"erlang_process_message_queue_len{instance="h3:9199",job="chat",name="presence",pid="<0.300.0>"}"#, 80)
            }
        }
        let store = try await SourceStore.victoriaMetrics(samples, directory: directory, expectSeries: 11)
        defer { store.stop() }

        let pane = try TmuxPane()
        try pane.waitFor("the shell prompt") { $0.contains("$") }
        try pane.type("\(BuiltProduct.url("backlog").path) watch --source \(store.url)", enter: true)
        let screen = try pane.waitFor("the dashboard over the store") { screen in
            screen.contains("Next bottleneck") && screen.contains("chat_router") && screen.contains("chat3@host")
        }
        let headline = screen.split(separator: "\n").dropFirst(2).first.map(String.init) ?? ""
        #expect(headline.contains("chat_router on chat1@host"), "\(screen)")
        #expect(screen.contains("1/3 nodes up"), "\(screen)")
        let rows = screen.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.contains { $0.hasPrefix("chat1@host up") }, "\(screen)")
        #expect(rows.contains { $0.hasPrefix("chat2@host down: no reason from") }, "up is 0, and the store cannot say why: \(screen)")
        #expect(rows.contains { $0.hasPrefix("chat3@host down: not reporting") }, "its samples stopped: \(screen)")
        try pane.type("q")
        try pane.waitFor("the shell back") { !$0.contains("Next bottleneck") }
    }
}
