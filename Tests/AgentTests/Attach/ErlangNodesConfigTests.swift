import Agent
import ConfigFile
import Foundation
import Probe
import Testing
import TimeSeries

/// `erlang_nodes:` in backlog.yml: the nodes become targets, and every mistake points at its place.
@Suite struct ErlangNodesConfigTests {
    let directory: String
    /// A name of this machine, as a node name spells its host.
    let host = "localhost"

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-nodes-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    var path: String { "\(directory)/backlog.yml" }

    func load(_ text: String) throws(ConfigError) -> AgentConfig {
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    func targets(_ config: AgentConfig) -> [ScrapeTarget] {
        var resolver = TargetResolver(groups: config.scrape.groups)
        return resolver.resolve().targets
    }

    @Test func localNodesArePolledOnLoopbackWithTheirNodeLabel() throws {
        let config = try load("""
            targets: [{job: web, targets: ['w1:9100']}]
            erlang_nodes:
              job: chat
              nodes: [chat1@\(host), {node: chat2@\(host), port: 9200}]
              cookie_file: secrets/erlang.cookie
              options: {top_k: 50}
            """)
        let section = try #require(config.erlangNodes.first)
        #expect(section.job == "chat")
        #expect(section.cookieFile == "\(directory)/secrets/erlang.cookie")
        #expect(section.bind == "127.0.0.1")
        #expect(section.nodes.map(\.port) == [9199, 9200])
        let options = section.exporterOptions(for: section.nodes[1])
        #expect(options.entries.map(\.key) == ["port", "bind", "top_k"])
        #expect(options.entries.map(\.value) == ["9200", "127.0.0.1", "50"])

        let chat = targets(config).filter { $0.job == "chat" }
        #expect(chat.map(\.url) == ["http://127.0.0.1:9199/metrics", "http://127.0.0.1:9200/metrics"])
        #expect(chat.map { $0.labels["node"] } == ["chat1@\(host)", "chat2@\(host)"])
        #expect(chat.map { $0.labels["instance"] } == ["127.0.0.1:9199", "127.0.0.1:9200"])
        #expect(targets(config).first { $0.job == "web" }?.labels["node"] == nil)
    }

    @Test func nodesOnOtherHostsArePolledAtTheirHostWhenTheExporterBindsEveryAddress() throws {
        let config = try load("erlang_nodes: {nodes: [chat1@db3, chat2@db4], bind: 0.0.0.0, port: 9300}\n")
        #expect(config.erlangNodes.first?.job == "erlang")
        #expect(config.erlangNodes.first?.cookieFile == nil, "the agent user's ~/.erlang.cookie")
        #expect(targets(config).map(\.url) == ["http://db3:9300/metrics", "http://db4:9300/metrics"])
    }

    @Test func aListGivesEachJobItsOwnCookie() throws {
        let config = try load("""
            erlang_nodes:
              - {job: chat, nodes: [chat1@\(host)], cookie_file: /etc/backlog/chat.cookie}
              - {job: queue, nodes: [q1@\(host)], port: 9201, cookie_file: /etc/backlog/queue.cookie}
            """)
        #expect(config.erlangNodes.map(\.job) == ["chat", "queue"])
        #expect(config.erlangNodes.map(\.cookieFile) == ["/etc/backlog/chat.cookie", "/etc/backlog/queue.cookie"])
        #expect(targets(config).map(\.instance) == ["127.0.0.1:9199", "127.0.0.1:9201"])
    }

    @Test func mistakesPointAtTheirFileLineAndColumn() {
        func error(_ text: String) -> ConfigError? {
            do { _ = try load(text) } catch { return error }
            return nil
        }
        #expect(error("erlang_nodes:\n  nodes: [chat1, chat2@db3]\n  bind: 0.0.0.0\n") == ConfigError(
            file: path, line: 2, column: 11,
            message: "\"chat1\" is not an Erlang node name: write it as name@host, like chat1@db3 or chat1@10.0.0.7"))
        #expect(error("erlang_nodes:\n  nodes: [chat1@db3]\n") == ConfigError(
            file: path, line: 2, column: 11,
            message: "chat1@db3 runs on another host, and its exporter would listen on 127.0.0.1 there, which only db3 itself can reach — "
                + "set erlang_nodes.bind to 0.0.0.0 (or an address of db3) to let this agent poll it"))
        #expect(error("erlang_nodes:\n  nodes: [a@\(host), b@\(host)]\n")?.message
            == "b@\(host) would serve on 127.0.0.1:9199 like a@\(host) — give it a port of its own: {node: b@\(host), port: 9200}")
        #expect(error("erlang_nodes:\n  nodes: [a@\(host)]\n  port: 70000\n") == ConfigError(
            file: path, line: 3, column: 9, message: "erlang_nodes.port must be between 1 and 65535, found 70000"))
        #expect(error("erlang_nodes:\n  nodes: [a@\(host)]\n  options: {Top_k: 5}\n")?.line == 3)
        #expect(error("erlang_nodes:\n  nodes: [a@\(host)]\n  options: {port: 5}\n")?.message
            == "erlang_nodes.options.port: set port beside nodes:, not among the options")
        #expect(error("erlang_nodes:\n  nodes: []\n")?.message == "erlang_nodes has no nodes — add nodes: [\"chat1@db3\"]")
        #expect(error("erlang_nodes:\n  nodes: [a@\(host)]\n  cookie: SECRET\n")?.message.hasPrefix("unknown key \"cookie\" in erlang_nodes") == true)
        #expect(error("targets: [{job: erlang, targets: ['h:1']}]\nerlang_nodes: {nodes: [a@\(host)]}\n")?.line == 2)
    }
}
