import Foundation
import TestSupport
import Testing

/// `backlog agent --check-config` with `erlang_nodes:`: the nodes, how they are attached, and their targets.
@Suite struct ErlangNodesCheckConfigTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-nodes-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ text: String) throws -> String {
        let path = "\(directory)/backlog.yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func listsTheNodesAndTheTargetsTheyBecome() throws {
        let path = try write("""
            targets: [{job: web, targets: ['w1:9100']}]
            erlang_nodes:
              job: chat
              nodes: [chat1@db3, {node: chat2@db4, port: 9200}]
              cookie_file: /etc/backlog/erlang.cookie
              bind: 0.0.0.0
              options: {top_k: 50}
            """)
        let run = try CommandRun.backlog(["agent", "--config", path, "--check-config"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  attach    job chat: chat1@db3, chat2@db4 (cookie /etc/backlog/erlang.cookie, bind 0.0.0.0, top_k=50)\n"), "\(run.stdout)")
        #expect(run.stdout.contains("targets   2 jobs, 3 listed"), "\(run.stdout)")
        #expect(run.stdout.contains("  chat  http://db3:9199/metrics  (chat1@db3)\n"), "\(run.stdout)")
        #expect(run.stdout.contains("  chat  http://db4:9200/metrics  (chat2@db4)\n"), "\(run.stdout)")
    }

    @Test func aBadNodeNameFailsTheCheckWithItsPlace() throws {
        let path = try write("erlang_nodes:\n  bind: 0.0.0.0\n  nodes:\n    - chat1@db3\n    - chat2\n")
        let run = try CommandRun.backlog(["agent", "--config", path, "--check-config"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path):5:7: \"chat2\" is not an Erlang node name: write it as name@host"), "\(run.stderr)")
    }
}
