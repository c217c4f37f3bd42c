import Fleet
import Foundation
import Synchronization
import TestSupport

/// What an HA pair's failover costs a page: after `kill -9` of one agent and one Alertmanager
/// (the one first in the cluster's notification order), how much later a new incident reaches the
/// webhook through the survivors than through one healthy agent and Alertmanager.
///
/// Real processes throughout: `backlog agent`s polling three simulated nodes and a loopback
/// target every second, Debian's Alertmanager with a 200 ms group_wait, a loopback webhook. Each
/// incident is a new process name whose queue jumps past the rule's threshold at a known instant,
/// at phases spread evenly over the poll grid; the figure is the difference of the two medians of
/// incident start → webhook receipt. The survivors are measured once the surviving Alertmanager
/// has noticed its peer is gone (memberlist's probe and suspicion, a few seconds): before that,
/// the second in the cluster's order first waits `--cluster.peer-timeout`.
enum HAFailoverBenchmark {
    static let incidents = 5
    static let interval = 1.0

    /// What the loopback servers see, shared with their event-loop threads.
    final class Incidents: Sendable {
        /// Processes whose queue the target serves past the threshold.
        let active = Mutex<[String]>([])
        /// When the webhook first heard each process's alert fire.
        let heard = Mutex<[String: ContinuousClock.Instant]>([:])

        func record(_ body: [UInt8]) {
            let now = ContinuousClock.now
            guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return }
            for alert in object["alerts"] as? [[String: Any]] ?? [] where alert["status"] as? String == "firing" {
                guard let name = (alert["labels"] as? [String: String])?["name"] else { continue }
                heard.withLock { if $0[name] == nil { $0[name] = now } }
            }
        }
    }

    static func run() -> [BenchmarkResult] {
        guard AlertmanagerProcess.available else {
            FileHandle.standardError.write(Data("ha_failover_alert_ms: skipped, \(AlertmanagerProcess.binary) is not installed\n".utf8))
            return []
        }
        let directory = NSTemporaryDirectory() + "backlog-bench-ha-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = Incidents()
        let (target, hook, fleet) = DetectionBenchmark.blocking {
            let target = try await LoopbackHTTPServer.start { _ in
                .ok(state.active.withLock { $0 }.map { "backlog_bench_queue{name=\"\($0)\"} 20000\n" }.joined())
            }
            let hook = try await LoopbackHTTPServer.start { request in
                state.record(request.body)
                return .status(200)
            }
            let fleet = FleetServer(config: FleetConfig(nodeCount: 3, basePort: 0, processesPerNode: 500), threadCount: 1)
            try await fleet.start()
            return (target, hook, fleet)
        }
        defer {
            DetectionBenchmark.blocking {
                await target.shutdown()
                await hook.shutdown()
                try await fleet.shutdown()
            }
        }
        let route = """
            route: {receiver: hook, group_by: [alertname, name], group_wait: 200ms, group_interval: 1s, repeat_interval: 1h}
            receivers: [{name: hook, webhook_configs: [{url: "\(hook.url(path: "/hook"))"}]}]
            """
        let targets = ["127.0.0.1:\(target.port)"] + fleet.targets

        // One healthy agent and Alertmanager.
        let single = alertmanager("\(directory)/single")
        DetectionBenchmark.blocking { try await single.start(config: route) }
        let agent = startAgent("single", directory: directory, targets: targets, alertmanagers: [single])
        let healthy = measure("healthy", state)
        agent.stop()
        single.stop()

        // The pair, then the kill.
        let cluster = [alertmanager("\(directory)/am1"), alertmanager("\(directory)/am2")]
        DetectionBenchmark.blocking {
            try await cluster[0].start(config: route, peers: [cluster[1].clusterPort], peerTimeout: .seconds(15))
            try await cluster[1].start(config: route, peers: [cluster[0].clusterPort], peerTimeout: .seconds(15))
        }
        wait("a settled cluster of two") { cluster.allSatisfy { $0.cluster().map { $0.status == "ready" && $0.peers.count == 2 } ?? false } }
        let a = startAgent("a", directory: directory, targets: targets, alertmanagers: cluster)
        let b = startAgent("b", directory: directory, targets: targets, alertmanagers: cluster)
        guard let first = cluster.first(where: { $0.position() == 0 }), let survivor = cluster.first(where: { $0 !== first }) else {
            fatalError("ha_failover_alert_ms: no Alertmanager is first in the cluster's order")
        }
        a.kill()
        first.kill()
        let killed = ContinuousClock.now
        wait("the surviving Alertmanager notices its peer is gone") { survivor.cluster()?.peers.count == 1 }
        let noticed = ContinuousClock.now - killed
        let failover = measure("failover", state)
        b.stop()
        survivor.stop()
        // The two medians go to stderr: the figure is their difference.
        let detail = "ha_failover_alert_ms: incident start to webhook, median of \(incidents): healthy \(Int(median(healthy))) ms, "
            + "through the survivors \(Int(median(failover))) ms; the survivor noticed its peer gone \(noticed.components.seconds) s after the kill\n"
        FileHandle.standardError.write(Data(detail.utf8))
        return [BenchmarkResult(name: "ha_failover_alert_ms", value: median(failover) - median(healthy), unit: "ms")]
    }

    /// Starts `incidents` incidents one after another, each at its own phase of the poll grid,
    /// and returns how long each took to reach the webhook, in milliseconds.
    static func measure(_ label: String, _ state: Incidents) -> [Double] {
        var delays: [Double] = []
        for incident in 0..<incidents {
            let name = "\(label)-\(incident)"
            // The next whole second (the agents poll on that grid), plus this incident's phase.
            let now = Date().timeIntervalSince1970
            let phase = (Double(incident) + 0.5) / Double(incidents) * interval
            Thread.sleep(forTimeInterval: (now / interval).rounded(.down) * interval + interval + phase - now)
            let started = ContinuousClock.now
            state.active.withLock { $0.append(name) }
            wait("the webhook hears \(name)", seconds: 60) { state.heard.withLock { $0[name] } != nil }
            let delay = state.heard.withLock { $0[name]! } - started
            delays.append(Double(delay.components.seconds) * 1000 + Double(delay.components.attoseconds) / 1e15)
        }
        return delays
    }

    static func alertmanager(_ directory: String) -> AlertmanagerProcess {
        do { return try AlertmanagerProcess(directory: directory) } catch { fatalError("ha_failover_alert_ms: \(error)") }
    }

    /// A `backlog agent` of replica `replica`, posting to every Alertmanager given; returns once
    /// it has polled.
    static func startAgent(_ replica: String, directory: String, targets: [String], alertmanagers: [AlertmanagerProcess]) -> AgentProcess {
        let port = LoopbackPort.unused()
        let path = "\(directory)/backlog-\(replica).yml"
        let agent = AgentProcess(config: path, port: port)
        do {
            try BenchRules.write(in: directory)
            try """
                interval: 1s
                targets: [{job: bench, targets: [\(targets.map { "\"\($0)\"" }.joined(separator: ", "))]}]
                rule_files: [rules.yml]
                receivers: [{name: am, alertmanager: {urls: [\(alertmanagers.map { "\"\($0.url)\"" }.joined(separator: ", "))]}}]
                external_labels: {replica: \(replica)}
                ha: {replica_label: replica}
                history: {path: \(replica).db}
                listen: 127.0.0.1:\(port)
                """.write(toFile: path, atomically: true, encoding: .utf8)
            try agent.start(log: "\(directory)/\(replica).log")
        } catch {
            fatalError("ha_failover_alert_ms: cannot start an agent: \(error)")
        }
        wait("agent \(replica) polls") { (agent.figure("backlog_cycles_total") ?? 0) >= 2 }
        return agent
    }

    static func wait(_ what: String, seconds: Double = 120, _ condition: () -> Bool) {
        guard waitUntil(timeout: seconds, condition) else { fatalError("ha_failover_alert_ms: gave up waiting until \(what)") }
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
