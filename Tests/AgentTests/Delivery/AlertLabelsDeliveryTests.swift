import Agent
import Alerting
import Foundation
import Probe
import TestSupport
import Testing
import TimeSeries

/// `external_labels`, `alert_relabel_configs` and `ha.replica_label` on the alerts a real
/// loopback receiver gets, and where `/api/v1/alerts` says each alert went.
@Suite(.serialized) struct AlertLabelsDeliveryTests {
    /// The alerts posted to `path`: a webhook body's `alerts`, or an Alertmanager body (a list).
    static func posted(_ fixture: DeliveryFixture, path: String) -> [[String: Any]] {
        fixture.receiver.requests.filter { $0.path == path }.flatMap { request -> [[String: Any]] in
            let json = try? JSONSerialization.jsonObject(with: Data(request.body))
            if let list = json as? [[String: Any]] { return list }
            return (json as? [String: Any])?["alerts"] as? [[String: Any]] ?? []
        }
    }

    static func labels(_ alerts: [[String: Any]]) -> [[String: String]] { alerts.compactMap { $0["labels"] as? [String: String] } }

    /// The engine's firing alert named `name` (its own labels, as `/api/v1/alerts` shows them).
    static func firing(_ runtime: AgentRuntime, name: String) -> Alert? {
        runtime.alertsSnapshot.alerts.first { $0.state == .firing && $0.labels["name"] == name }
    }

    /// Where the engine's firing alert `name` went, as `/api/v1/alerts` and the dashboard read it.
    static func delivery(_ runtime: AgentRuntime, name: String) -> AlertDelivery? {
        let snapshot = runtime.alertsSnapshot
        return snapshot.alerts.first { $0.state == .firing && $0.labels["name"] == name }.map { snapshot.delivery(of: $0) }
    }

    @Test func externalLabelsReachWebhookAlertsAndTheAlertsOwnLabelWins() async throws {
        let fixture = try await DeliveryFixture.start()
        let runtime = fixture.runtime(try fixture.writeConfig(extra: "external_labels: {cluster: eu1, severity: low}"))
        await fixture.start(runtime)
        try await fixture.advance(until: "the alert delivered to hook") { Self.delivery(runtime, name: "router")?.deliveredTo == ["hook"] }
        let engineAlert = try #require(Self.firing(runtime, name: "router"))
        runtime.stop()
        await fixture.shutdown()

        let alert = try #require(Self.posted(fixture, path: "/hook").first)
        let labels = try #require(alert["labels"] as? [String: String])
        #expect(labels["cluster"] == "eu1")
        #expect(labels["severity"] == "page", "the alert's own label wins over the external one")
        #expect(alert["fingerprint"] as? String == Labels(labels).fingerprintText, "the fingerprint is that of the labels sent")
        let json = try #require(fixture.notifications.first)
        #expect((json["commonLabels"] as? [String: String])?["cluster"] == "eu1")
        #expect(json["groupKey"] as? String == #"{}/{severity="page"}:{alertname="HighBacklog"}"#)
        // The engine's alert, as `/api/v1/alerts` lists it, keeps the rule's labels, as in Prometheus.
        #expect(engineAlert.labels["cluster"] == nil)
        #expect(engineAlert.fingerprint != Labels(labels).fingerprint)
    }

    @Test func alertRelabelConfigsDropLabelsAndAlerts() async throws {
        let fixture = try await DeliveryFixture.start()
        fixture.setNames(["router", "mailer"])
        let config = try fixture.writeConfig(
            receivers: """
                  - name: hook
                    webhook: {url: "\(fixture.receiver.url(path: "/hook"))", timeout: 2s}
                """,
            extra: """
                alert_relabel_configs:
                  - {action: labeldrop, regex: instance}
                  - {source_labels: [name], regex: mailer, action: drop}
                """)
        let runtime = fixture.runtime(config)
        await fixture.start(runtime)
        try await fixture.advance(until: "the router alert delivered") { Self.delivery(runtime, name: "router")?.deliveredTo == ["hook"] }
        await fixture.settle()
        let mailer = try #require(Self.delivery(runtime, name: "mailer"), "the mailer alert fires in the engine")
        runtime.stop()
        await fixture.shutdown()

        let sent = Self.labels(Self.posted(fixture, path: "/hook"))
        #expect(!sent.isEmpty)
        #expect(sent.allSatisfy { $0["instance"] == nil }, "labeldrop removed instance: \(sent)")
        #expect(sent.allSatisfy { $0["name"] == "router" }, "the mailer alert was dropped: \(sent)")
        let alert = try #require(Self.posted(fixture, path: "/hook").first)
        #expect(alert["fingerprint"] as? String == Labels(try #require(alert["labels"] as? [String: String])).fingerprintText)
        #expect(mailer.deliveredTo.isEmpty && mailer.queuedFor.isEmpty && mailer.refusedBy.isEmpty, "a dropped alert went nowhere")
    }

    @Test func haReplicaLabelLeavesAlertmanagerPostsButStaysOnWebhooksAndSeries() async throws {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig(
            receivers: """
                  - name: am
                    alertmanager: {urls: ["\(fixture.receiver.url(path: "/am"))"]}
                  - name: hook
                    webhook: {url: "\(fixture.receiver.url(path: "/hook"))", timeout: 2s}
                """,
            extra: """
                external_labels: {cluster: eu1, replica: a}
                ha: {replica_label: replica}
                """)
        #expect(config.remoteWrite.externalLabels == Labels(["cluster": "eu1", "replica": "a"]), "series keep the replica label")
        let runtime = fixture.runtime(config)
        await fixture.start(runtime)
        try await fixture.advance(until: "the alert delivered to both") {
            Set(Self.delivery(runtime, name: "router")?.deliveredTo ?? []) == ["am", "hook"]
        }
        runtime.stop()
        await fixture.shutdown()

        let posts = Self.labels(Self.posted(fixture, path: "/am/api/v2/alerts"))
        #expect(!posts.isEmpty)
        for labels in posts {
            #expect(labels["replica"] == nil, "Alertmanager gets no replica label: \(labels)")
            #expect(labels["cluster"] == "eu1")
        }
        let hooks = Self.labels(Self.posted(fixture, path: "/hook"))
        #expect(!hooks.isEmpty)
        #expect(hooks.allSatisfy { $0["replica"] == "a" && $0["cluster"] == "eu1" }, "a direct receiver sees which replica spoke: \(hooks)")
    }

    @Test(.enabled(if: AlertmanagerProcess.available, "prometheus-alertmanager is not installed (scripts/install-deps installs it)"))
    func alertmanagerKnowsTheAlertByTheFingerprintOfItsSentLabels() async throws {
        let fixture = try await DeliveryFixture.start()
        let alertmanager = try AlertmanagerProcess(directory: "\(fixture.directory)/am")
        try await alertmanager.start(config: "route: {receiver: none}\nreceivers: [{name: none}]\n")
        defer { alertmanager.stop() }
        let config = try fixture.writeConfig(
            receivers: """
                  - name: team
                    alertmanager: {urls: ["\(alertmanager.url)"]}
                """,
            extra: """
                external_labels: {cluster: eu1, replica: b}
                ha: {replica_label: replica}
                """)
        let runtime = AgentRuntime(config: config, logger: fixture.logger)
        runtime.start()
        var found: [[String: Any]] = []
        try await DeliveryFixture.waitUntil(seconds: 15, "the alert in Alertmanager") {
            found = alertmanager.alerts()
            return !found.isEmpty
        }
        try await DeliveryFixture.waitUntil(seconds: 15, "the post counted as delivered") {
            runtime.alertsSnapshot.alerts.contains { runtime.alertsSnapshot.delivery(of: $0).deliveredTo == ["team"] }
        }
        runtime.stop()
        await fixture.shutdown()
        let alert = try #require(found.first)
        let labels = try #require(alert["labels"] as? [String: String])
        #expect(labels["cluster"] == "eu1")
        #expect(labels["replica"] == nil)
        #expect(alert["fingerprint"] as? String == Labels(labels).fingerprintText, "Alertmanager's fingerprint is ours of the sent labels")
    }
}
