import Foundation
import TestSupport

/// Writes a soak agent's config (the fleet, the shipped rules, the webhook) and starts it.
struct SoakSetup {
    var directory: String
    var fleet: [String]
    var webhook: String

    /// Starts `backlog agent` polling the fleet every second, plus `churning` in a job of its own
    /// whose sample limit lets its whole body through, so only the series budget holds it.
    func agent(name: String, churning: [String] = []) throws -> AgentProcess {
        let targets = "\(directory)/\(name)-targets.yml"
        try "- targets: [\(fleet.map { "'\($0)'" }.joined(separator: ", "))]\n".write(toFile: targets, atomically: true, encoding: .utf8)
        let churnJob = churning.isEmpty ? "" : "  - {job: churn, targets: [\(churning.map { "'\($0)'" }.joined(separator: ", "))], sample_limit: 0}\n"
        let port = LoopbackPort.unused()
        let config = "\(directory)/\(name).yml"
        try """
            interval: 1s
            timeout: 900ms
            targets:
              - {job: chat, targets_file: \(targets)}
            \(churnJob)rule_files: [\(RuleBenchmark.shippedRuleFiles().map { "'\($0)'" }.joined(separator: ", "))]
            receivers:
              - name: soak
                webhook: {url: "\(webhook)"}
                group_by: [alertname, instance]
            history: {path: \(name).db}
            listen: 127.0.0.1:\(port)

            """.write(toFile: config, atomically: true, encoding: .utf8)
        let agent = AgentProcess(config: config, port: port, name: name)
        try agent.start(log: "\(directory)/\(name).log", arguments: ["--log-level", "warning"])
        let deadline = ContinuousClock.now + .seconds(60)
        while agent.figures() == nil {
            guard agent.isRunning, ContinuousClock.now < deadline else { throw SoakFailure("agent \(name) did not start: \(agent.logTail)") }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return agent
    }

    /// The history file's bytes with its write-ahead log.
    func historyBytes(name: String) -> Double {
        ["", "-wal"].reduce(0.0) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(directory)/\(name).db\(suffix)")
            return total + Double((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        }
    }
}
