import Agent
import Alerting
import ConfigFile
import Foundation
import TestSupport
import Testing
import TimeSeries

/// `alert_relabel_configs:` and `ha:` read from backlog.yml, and what they make of an alert.
@Suite struct AlertLabelsConfigTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-alertlabels-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ text: String) -> String {
        let path = "\(directory)/backlog.yml"
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func error(_ text: String) -> String {
        do { _ = try AgentConfig.load(path: write(text)) } catch { return error.description }
        return "(no error)"
    }

    static func alert(_ labels: [String: String]) -> Alert {
        Alert(labels: Labels(labels), state: .firing, value: 1, activeAt: Timestamp(milliseconds: 1_000))
    }

    @Test func readsRelabelStepsAndTheReplicaLabel() throws {
        let config = try AgentConfig.load(path: write("""
            external_labels: {cluster: eu1, replica: a}
            alert_relabel_configs:
              - {action: labeldrop, regex: instance}
              - {source_labels: [severity], regex: info, action: drop}
            ha: {replica_label: replica}
            """))
        #expect(config.alertLabels.relabelConfigs.map(\.action) == [.labeldrop, .drop])
        #expect(config.alertLabels.replicaLabel == "replica")
        #expect(config.externalLabels["replica"] == "a", "series keep the replica label")
        let plain = try AgentConfig.load(path: write("targets: []\n"))
        #expect(plain.alertLabels.relabelConfigs.isEmpty && plain.alertLabels.replicaLabel == nil)
    }

    @Test func mistakesComeBackWithFileLineAndColumn() {
        let path = "\(directory)/backlog.yml"
        #expect(error("alert_relabel_configs:\n  - {action: dropit, regex: x}\n").hasPrefix("\(path):2:14: unknown relabel action \"dropit\""))
        #expect(error("alert_relabel_configs:\n  - {action: replace, regex: x, target_label: 1bad}\n").hasPrefix("\(path):2:"))
        #expect(error("alert_relabel_configs: {action: drop}\n").hasPrefix("\(path):1:"))
        #expect(
            error("external_labels: {cluster: eu1}\nha: {replica_label: replica}\n")
                == "\(path):2:21: ha.replica_label \"replica\" is not among external_labels; add it there, with a different value on each agent of the pair")
        #expect(error("ha: {replica: r}\n").hasPrefix("\(path):1:"))
        #expect(error("ha: {}\n").hasPrefix("\(path):1:5:"))
        #expect(error("external_labels: {replica: a}\nha: {replica_label: \"__replica\"}\n").hasPrefix("\(path):2:21:"))
    }

    @Test func externalLabelsFillWhatTheAlertLacksAndTheFingerprintFollows() throws {
        let labeling = AlertLabeling(externalLabels: Labels(["cluster": "eu1", "severity": "low", "team": "chat"]))
        let alert = Self.alert(["alertname": "HighBacklog", "severity": "page", "team": ""])
        let sent = try #require(labeling.outgoing(alert, toAlertmanager: false))
        #expect(sent.labels == Labels(["alertname": "HighBacklog", "severity": "page", "team": "chat", "cluster": "eu1"]))
        #expect(sent.fingerprint == sent.labels.fingerprint)
        #expect(sent.fingerprint != alert.fingerprint)
        #expect(sent.activeAt == alert.activeAt && sent.state == alert.state)
        #expect(AlertLabeling().outgoing(alert, toAlertmanager: true) == alert)
    }

    @Test func relabellingDropsAndTheReplicaLabelLeavesOnlyAlertmanagerAlerts() throws {
        let config = try AgentConfig.load(path: write("""
            external_labels: {cluster: eu1, replica: a}
            alert_relabel_configs:
              - {source_labels: [severity], regex: info, action: drop}
            ha: {replica_label: replica}
            """))
        let labeling = AlertingSetup.labeling(config)
        #expect(labeling.outgoing(Self.alert(["alertname": "A", "severity": "info"]), toAlertmanager: false) == nil)
        let page = Self.alert(["alertname": "A", "severity": "page"])
        let direct = try #require(labeling.outgoing(page, toAlertmanager: false))
        let forAlertmanager = try #require(labeling.outgoing(page, toAlertmanager: true))
        #expect(direct.labels["replica"] == "a")
        #expect(forAlertmanager.labels == Labels(["alertname": "A", "severity": "page", "cluster": "eu1"]))
        #expect(forAlertmanager.fingerprint == forAlertmanager.labels.fingerprint)
    }

    @Test func checkConfigWarnsWhenAnHAPairHasADirectReceiver() throws {
        let hook = write("""
            external_labels: {replica: a}
            ha: {replica_label: replica}
            receivers:
              - name: am
                alertmanager: {urls: ["http://127.0.0.1:9093"]}
              - name: chat
                webhook: {url: "http://127.0.0.1:9000/hook"}
            """)
        let run = try CommandRun.backlog(["agent", "--check-config", "--config", hook])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "warning: receiver \"chat\" is a direct webhook receiver and ha: is set: an HA pair would notify it twice; route through Alertmanager"),
            "\(run.stderr)")
        #expect(!run.stderr.contains("\"am\""))

        let onlyAlertmanager = write("""
            external_labels: {replica: a}
            ha: {replica_label: replica}
            receivers:
              - name: am
                alertmanager: {urls: ["http://127.0.0.1:9093"]}
            """)
        let quiet = try CommandRun.backlog(["agent", "--check-config", "--config", onlyAlertmanager])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("warning"), "\(quiet.stderr)")
    }
}
