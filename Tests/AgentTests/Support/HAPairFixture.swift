import Fleet
import Foundation
import TestSupport
import TimeSeries

/// An HA setup of real processes on loopback: a clustered pair of Alertmanagers with a webhook
/// behind them, the simulated fleet, and the two `backlog agent`s of an HA pair polling it, each
/// posting to both Alertmanagers.
final class HAPairFixture {
    let directory: String
    /// The webhook Alertmanager notifies (its `webhook_config`).
    let hook: LoopbackHTTPServer
    let alertmanagers: [AlertmanagerProcess]
    private(set) var fleet: FleetServer?

    /// Alertmanager's route for the pair: one group per alert and node, notified a second after
    /// its first alert arrives, again when it changes, and resolved alerts too.
    static func alertmanagerConfig(hook: String) -> String {
        """
        route:
          receiver: hook
          group_by: [alertname, instance, name]
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs: [{url: "\(hook)", send_resolved: true}]
        """
    }

    init() async throws {
        directory = NSTemporaryDirectory() + "backlog-ha-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        hook = try await LoopbackHTTPServer.start(behavior: .status(200))
        alertmanagers = try [AlertmanagerProcess(directory: "\(directory)/am1"), AlertmanagerProcess(directory: "\(directory)/am2")]
    }

    /// Starts both Alertmanagers, each given the other as its peer, and waits until each says the
    /// cluster is settled with both members.
    func startCluster() async throws {
        let config = Self.alertmanagerConfig(hook: hook.url(path: "/hook"))
        try await alertmanagers[0].start(config: config, peers: [alertmanagers[1].clusterPort])
        try await alertmanagers[1].start(config: config, peers: [alertmanagers[0].clusterPort])
        try await waitUntil("both Alertmanagers see a settled cluster of two") {
            alertmanagers.allSatisfy { $0.cluster().map { $0.status == "ready" && $0.peers.count == 2 } ?? false }
        }
    }

    /// Five simulated nodes whose story (`backlog fleet --help`) is `storySecond` seconds in now.
    func startFleet(storySecond: Int64) async throws -> FleetServer {
        let epoch = Timestamp(milliseconds: Timestamp.now().milliseconds - storySecond * 1000)
        let fleet = FleetServer(config: FleetConfig(nodeCount: 5, basePort: 0, processesPerNode: 300, epoch: epoch), threadCount: 1)
        try await fleet.start()
        self.fleet = fleet
        return fleet
    }

    /// The seconds into the fleet's story now.
    func storySecond(of fleet: FleetServer) -> Double {
        Double(Timestamp.now().milliseconds - (fleet.config.epoch?.milliseconds ?? 0)) / 1000
    }

    /// backlog.yml of replica `replica`: the same targets, rules and receivers for both, its own
    /// replica label, history and listen port. `rules` is the rule file's text.
    func agent(replica: String, rules: String, targets: [String]) throws -> AgentProcess {
        try rules.write(toFile: "\(directory)/rules.yml", atomically: true, encoding: .utf8)
        let port = LoopbackPort.unused()
        let path = "\(directory)/backlog-\(replica).yml"
        try """
            interval: 1s
            targets:
              - {job: chat, targets: [\(targets.map { "\"\($0)\"" }.joined(separator: ", "))]}
            rule_files: [rules.yml]
            receivers:
              - name: team
                alertmanager: {urls: [\(alertmanagers.map { "\"\($0.url)\"" }.joined(separator: ", "))]}
            external_labels: {dc: ams, replica: \(replica)}
            ha: {replica_label: replica}
            history: {path: \(replica).db}
            listen: 127.0.0.1:\(port)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return AgentProcess(config: path, port: port)
    }

    /// What the webhook was told, in arrival order.
    var notifications: [WebhookNotification] {
        hook.requests.filter { $0.path == "/hook" }.compactMap { WebhookNotification(json: $0.body) }
    }

    func shutdown() async {
        for alertmanager in alertmanagers { alertmanager.stop() }
        try? await fleet?.shutdown()
        await hook.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// One notification Alertmanager posted to a webhook (payload version 4).
struct WebhookNotification: CustomStringConvertible {
    var status: String
    var groupKey: String
    /// Each alert's labels and status.
    var alerts: [(labels: [String: String], status: String)]

    init?(json: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any], let status = object["status"] as? String
        else { return nil }
        self.status = status
        groupKey = object["groupKey"] as? String ?? ""
        alerts = (object["alerts"] as? [[String: Any]] ?? []).map {
            ($0["labels"] as? [String: String] ?? [:], $0["status"] as? String ?? "")
        }
    }

    /// `alertname status`, such as `NodeDown firing`, of the first alert.
    var summary: String { "\(alerts.first?.labels["alertname"] ?? "?") \(status)" }

    var description: String { "\(summary) (\(alerts.count) alerts, \(groupKey))" }
}
