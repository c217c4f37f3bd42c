import Alerting
import ConfigFile
import Foundation
import TestSupport
import Testing

/// An `alertmanager` receiver takes no grouping keys: Alertmanager groups what it is posted
/// itself, so `group_by` and the rest would silently change nothing. They are refused with the
/// key's position and where grouping belongs instead.
@Suite struct AlertmanagerGroupingConfigTests {
    func parse(_ yaml: String) throws(ConfigError) -> [ReceiverConfig] {
        let root = try YAMLNode.parse(yaml, file: "backlog.yml")
        return try ReceiverConfig.parseAll(
            root.mapping(allowedKeys: ["receivers"], context: "test")["receivers"],
            secrets: SecretReader(directory: NSTemporaryDirectory(), environment: ["SLACK": "https://hooks.slack.example/T0/B0"]))
    }

    @Test(arguments: ["group_by: [alertname]", "group_wait: 30s", "group_interval: 5m", "repeat_interval: 4h", "group_by:"])
    func groupingKeysAreRefusedOnAnAlertmanagerReceiver(_ line: String) throws {
        let yaml = """
            receivers:
              - name: team
                alertmanager: {urls: ["http://127.0.0.1:9093"]}
                \(line)
            """
        let key = String(line.prefix { $0 != ":" })
        let error = try #require(throws: ConfigError.self) { try parse(yaml) }
        #expect(error.description == "backlog.yml:4:5: receiver \"team\": \(key) does not apply to an alertmanager receiver, which gets "
            + "every alert as Prometheus sends them; remove it and set grouping in Alertmanager's own route (alertmanager.yml)")
    }

    @Test func webhookAndSlackReceiversKeepThem() throws {
        let receivers = try parse("""
            receivers:
              - name: oncall
                webhook: {url: "http://127.0.0.1:9000/hook"}
                group_by: [alertname, instance]
                group_wait: 30s
              - name: chatops
                slack: {url_env: SLACK}
                repeat_interval: 1h
              - name: team
                alertmanager: {urls: ["http://127.0.0.1:9093"]}
                match: {severity: page}
            """)
        #expect(receivers.map(\.name) == ["oncall", "chatops", "team"])
        #expect(receivers[0].grouping.groupBy == ["alertname", "instance"])
        #expect(receivers[1].grouping.repeatInterval == .seconds(3600))
    }

    @Test func checkConfigRefusesThemWithFileLineAndColumn() throws {
        let directory = NSTemporaryDirectory() + "backlog-am-grouping-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
            targets: []
            receivers:
              - name: team
                alertmanager: {urls: ["http://127.0.0.1:9093"]}
                group_wait: 30s
            """.write(toFile: "\(directory)/backlog.yml", atomically: true, encoding: .utf8)
        let run = try CommandRun.backlog(["agent", "--check-config", "--config", "\(directory)/backlog.yml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(directory)/backlog.yml:5:5: receiver \"team\": group_wait does not apply"), "\(run.stderr)")
        #expect(run.stderr.contains("set grouping in Alertmanager's own route"), "\(run.stderr)")
    }
}
