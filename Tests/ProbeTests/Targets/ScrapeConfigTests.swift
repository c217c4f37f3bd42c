import ConfigFile
import Foundation
import Probe
import Testing
import TimeSeries

@Suite struct ScrapeConfigTests {
    static let topLevelKeys: Set<String> = ["interval", "timeout", "targets", "rule_files", "receivers", "history", "backlog_metrics"]

    func load(_ yaml: String, file: String = "/etc/backlog/backlog.yml") throws(ConfigError) -> ScrapeConfig {
        try ScrapeConfigYAML.load(yaml, keys: Self.topLevelKeys, file: file)
    }

    func error(_ yaml: String) -> ConfigError? { ScrapeConfigYAML.error(yaml, keys: Self.topLevelKeys) }

    @Test func readsTheDesignExample() throws {
        let config = try load("""
            interval: 2s
            timeout: 1500ms
            targets:
              - job: chat
                targets: ["chat1:9199", "chat2:9199"]
                labels: {dc: ams}
                metrics_path: /metrics
                scheme: https
                tls: {ca_file: ca.pem}
                bearer_token_file: token
            """)
        #expect(config.interval == .seconds(2))
        #expect(config.timeout == .millis(1500))
        let group = try #require(config.groups.first)
        #expect(group.job == "chat")
        #expect(group.endpoints == ["chat1:9199", "chat2:9199"])
        #expect(group.labels["dc"] == "ams")
        #expect(group.scheme == "https")
        #expect(group.tls.caFile == "/etc/backlog/ca.pem")
        #expect(group.credentials == .bearerTokenFile("/etc/backlog/token"))
    }

    @Test func defaultsToOneSecondAndATimeoutJustUnder() throws {
        let config = try load("targets: [{job: a, targets: ['h:1']}]")
        #expect(config.interval == .seconds(1))
        #expect(config.timeout == .millis(800))
    }

    @Test func pointsAtAnUnknownKeyWithASuggestion() throws {
        let found = try #require(error("""
            targets:
              - job: chat
                targts: ["a:1"]
            """))
        #expect(found.line == 3)
        #expect(found.column == 5)
        #expect(found.message.contains("unknown key \"targts\""))
        #expect(found.message.contains("did you mean \"targets\""))
        #expect(found.description.hasPrefix("/etc/backlog/backlog.yml:3:5: "))
    }

    @Test func rejectsABadDurationWithHowToWriteIt() throws {
        let found = try #require(error("interval: 1 second\ntargets: []"))
        #expect(found.line == 1 && found.column == 11)
        #expect(found.message.contains("is not a duration"))
    }

    @Test func rejectsATimeoutLongerThanTheInterval() throws {
        let found = try #require(error("interval: 1s\ntimeout: 2s\n"))
        #expect(found.line == 2)
        #expect(found.message.contains("longer than the interval"))
    }

    @Test(arguments: ["chat1", "http://chat1:9199", "chat1:99999", ":9199", "chat1:9199/metrics"])
    func rejectsTargetsThatAreNotHostPort(target: String) throws {
        let found = try #require(error("targets:\n  - job: a\n    targets: [\"\(target)\"]\n"))
        #expect(found.line == 3)
        #expect(found.message.contains("must be host:port"))
    }

    @Test func rejectsDuplicateJobsAndLabelsTheAgentSets() throws {
        let duplicate = try #require(error("targets:\n  - {job: a, targets: ['h:1']}\n  - {job: a, targets: ['h:2']}\n"))
        #expect(duplicate.line == 3)
        #expect(duplicate.message.contains("listed twice"))
        let reserved = try #require(error("targets:\n  - job: a\n    targets: ['h:1']\n    labels: {instance: x}\n"))
        #expect(reserved.message.contains("set by the agent"))
    }

    @Test func neverTakesAPasswordInline() throws {
        let found = try #require(error("targets:\n  - job: a\n    targets: ['h:1']\n    basic_auth: {username: u}\n"))
        #expect(found.message.contains("password_file or password_env"))
        let inline = try #require(error("targets:\n  - job: a\n    targets: ['h:1']\n    basic_auth: {username: u, password: hunter2}\n"))
        #expect(inline.message.contains("unknown key \"password\""))
        #expect(!inline.description.contains("hunter2"))
    }

    @Test func reportsBrokenYAMLWithItsPosition() throws {
        let found = try #require(error("targets:\n  - job: [unclosed\n"))
        #expect(found.line >= 2)
        #expect(found.message.hasPrefix("invalid YAML"))
    }
}
