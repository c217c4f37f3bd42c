import Agent
import ConfigFile
import Foundation
import Ranking
import Testing
import TimeSeries

@Suite struct AgentConfigTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func load(_ text: String) throws(ConfigError) -> AgentConfig {
        let path = "\(directory)/backlog.yml"
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    @Test func fillsDefaultsAndResolvesPathsFromTheConfigFolder() throws {
        let config = try load("targets: [{job: chat, targets: ['h:9199']}]\nrule_files: ['rules/*.yml']\n")
        #expect(config.historyPath == "\(directory)/backlog.db")
        #expect(config.history.retention == PromDuration(parsing: "15d"))
        #expect(config.history.memoryWindow == .seconds(900))
        #expect(config.ruleFiles == ["\(directory)/rules/*.yml"])
        #expect(config.backlogMetrics == [.erlangMailboxes, .erlangProcessTypes], "processes, then process types")
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 9300))
        #expect(config.scrape.interval == .seconds(1))
    }

    @Test func readsHistoryBacklogMetricsAndListen() throws {
        let config = try load("""
            history: {path: /var/lib/backlog/b.db, retention: 30d, memory_window: 5m}
            backlog_metrics:
              - {metric: rabbitmq_queue_messages, entity: [queue], threshold: 5000}
            listen: 0.0.0.0:9400
            """)
        #expect(config.historyPath == "/var/lib/backlog/b.db")
        #expect(config.history.retention == PromDuration(parsing: "30d"))
        #expect(config.history.memoryWindow == .seconds(300))
        #expect(config.backlogMetrics == [BacklogMetric(metric: "rabbitmq_queue_messages", entity: ["queue"], threshold: 5000)])
        #expect(config.listen.description == "0.0.0.0:9400")
    }

    /// A process type's threshold is set as a process's is; its entries are named by initial call.
    @Test func readsAProcessTypeThreshold() throws {
        let config = try load("""
            backlog_metrics:
              - {metric: erlang_process_message_queue_len, threshold: 20000}
              - {metric: erlang_process_type_message_queue_len_sum, threshold: 500000}
            """)
        #expect(config.backlogMetrics == [
            BacklogMetric(metric: "erlang_process_message_queue_len", entity: ["name", "pid"], threshold: 20_000),
            BacklogMetric(metric: "erlang_process_type_message_queue_len_sum", entity: ["initial_call"], threshold: 500_000),
        ])
    }

    @Test func pointsAtMistakesWithFileLineAndColumn() throws {
        #expect(throws: ConfigError(file: "\(directory)/backlog.yml", line: 2, column: 1,
                                    message: "unknown key \"histroy\" in backlog.yml — did you mean \"history\"? (known keys: alert_relabel_configs, backlog_metrics, erlang_nodes, external_labels, ha, history, interval, label_limit, label_name_length_limit, label_value_length_limit, listen, receivers, remote_write, rule_files, sample_limit, shard, target_limit, targets, timeout, web)")) {
            try load("interval: 1s\nhistroy: {path: x}\n")
        }
        #expect(throws: ConfigError.self) { try load("listen: nine-thousand\n") }
        #expect(throws: ConfigError.self) { try load("history: {retention: 10s}\n") }
        #expect(throws: ConfigError.self) { try load("backlog_metrics: [{entity: [pid]}]\n") }
    }
}

extension AgentConfigTests {
    /// The agent keeps in memory at least what its rules read: the longest range or offset plus the lookback.
    @Test func theHistoryWindowCoversTheRulesReach() throws {
        try "groups: [{name: g, rules: [{alert: A, expr: 'max_over_time(q[20m] offset 5m) > 1'}, {alert: B, expr: 'q > 1'}]}]\n"
            .write(toFile: "\(directory)/rules.yml", atomically: true, encoding: .utf8)
        let config = try load("rule_files: [rules.yml]\nhistory: {memory_window: 1m}\n")
        #expect(AlertingSetup.historyOptions(config).memoryWindow == .seconds(1500))
        let short = try load("history: {memory_window: 10m}\n")
        #expect(AlertingSetup.historyOptions(short).memoryWindow == .seconds(600))
    }

    /// Heads are cut once open for what a full chunk takes at the poll interval, and a quarter more.
    @Test func headsSpanAtMostAQuarterMoreThanAFullChunkAtThePollInterval() throws {
        #expect(AlertingSetup.historyOptions(try load("interval: 1s\n")).maxHeadSpan == .seconds(150))
        #expect(AlertingSetup.historyOptions(try load("interval: 15s\n")).maxHeadSpan == .seconds(2250))
    }
}
