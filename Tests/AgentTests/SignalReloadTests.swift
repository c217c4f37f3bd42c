import Foundation
import TestSupport
import Testing

/// Rule reloads inside a running `backlog agent`: SIGHUP re-reads backlog.yml and its rule files,
/// and the rule files are also watched. A rule that did not change keeps its alerts; a broken
/// file is reported and the running rules stay.
@Suite struct SignalReloadTests {
    /// The agent's pending and firing alerts: `alertname` → `activeAt`.
    func alerts(port: Int) -> [String: String] {
        guard let response = try? LoopbackConnection(port: port).get("/api/v1/alerts", closing: true), response.status == 200,
            let json = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let list = (json["data"] as? [String: Any])?["alerts"] as? [[String: Any]]
        else { return [:] }
        var out: [String: String] = [:]
        for alert in list {
            if let name = (alert["labels"] as? [String: String])?["alertname"] { out[name] = alert["activeAt"] as? String }
        }
        return out
    }

    func rule(_ name: String, over threshold: Int, expr: String? = nil) -> String {
        """
        groups:
          - name: more
            rules:
              - alert: \(name)
                expr: \(expr ?? "backlog_test_queue > \(threshold)")
                labels: {severity: ticket}

        """
    }

    @Test func sighupAndFileChangesReloadRulesKeepingStateAndSurvivingBrokenFiles() async throws {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig()
        let port = config.listen.port
        let more = "\(fixture.directory)/more.yml"
        try rule("VeryHighBacklog", over: 15_000).write(toFile: more, atomically: true, encoding: .utf8)
        let log = "\(fixture.directory)/agent.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let agent = Process()
        agent.executableURL = BuiltProduct.url("backlog")
        agent.arguments = ["agent", "--config", config.path]
        agent.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        agent.standardOutput = FileHandle.nullDevice
        try agent.run()
        defer { if agent.isRunning { agent.terminate() } }
        func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

        try await DeliveryFixture.waitUntil("HighBacklog firing") { alerts(port: port)["HighBacklog"] != nil }
        let activeAt = try #require(alerts(port: port)["HighBacklog"])

        // SIGHUP with more.yml added to backlog.yml: the new rule runs, the old one keeps its alert.
        let yaml = try String(contentsOfFile: config.path, encoding: .utf8)
        try yaml.replacingOccurrences(of: "rule_files: [rules.yml]", with: "rule_files: [rules.yml, more.yml]")
            .write(toFile: config.path, atomically: true, encoding: .utf8)
        kill(agent.processIdentifier, SIGHUP)
        try await DeliveryFixture.waitUntil("the added rule") { alerts(port: port)["VeryHighBacklog"] != nil }
        #expect(alerts(port: port)["HighBacklog"] == activeAt, "an unchanged rule keeps its state across a reload")
        #expect(logText().contains(#"msg="rules reloaded" added=1 kept=1 reason="config reloaded" removed=0"#), "\(logText())")

        // A broken rule file, noticed by the watcher and then by SIGHUP: reported, old rules stay.
        try rule("Broken", over: 0, expr: "'backlog_test_queue >'").write(toFile: more, atomically: true, encoding: .utf8)
        try await DeliveryFixture.waitUntil("the watcher's rejection") {
            logText().contains(#"msg="rule files rejected; the running rules stay""#) && logText().contains(#"reason="rule files changed""#)
        }
        kill(agent.processIdentifier, SIGHUP)
        try await DeliveryFixture.waitUntil("SIGHUP's rejection") {
            logText().split(separator: "\n").contains { $0.contains("rule files rejected") && $0.contains(#"reason="config reloaded""#) }
        }
        // A poll after the rejection: the agent goes on with the rules it had.
        let cycles = agentCycles(port: port)
        try await DeliveryFixture.waitUntil("a poll after the rejection") { agentCycles(port: port) > cycles }
        #expect(logText().contains("more.yml:"), "the error names the file and line")
        #expect(agent.isRunning)
        let kept = alerts(port: port)
        #expect(kept["HighBacklog"] == activeAt && kept["VeryHighBacklog"] != nil, "the running rules stay: \(kept)")
        #expect(kept["Broken"] == nil)

        // A fixed file is picked up by the watcher alone, no signal needed.
        try rule("HugeBacklog", over: 19_000).write(toFile: more, atomically: true, encoding: .utf8)
        try await DeliveryFixture.waitUntil("the watcher's reload") { alerts(port: port)["HugeBacklog"] != nil }
        let after = alerts(port: port)
        #expect(after["VeryHighBacklog"] == nil, "the replaced rule is gone")
        #expect(after["HighBacklog"] == activeAt)
        #expect(logText().contains(#"msg="rules reloaded" added=1 kept=1 reason="rule files changed" removed=1"#))

        kill(agent.processIdentifier, SIGTERM)
        agent.waitUntilExit()
        await fixture.shutdown()
        #expect(agent.terminationStatus == 0)
    }

    /// The agent's `backlog_cycles_total`, or -1 while it does not answer.
    func agentCycles(port: Int) -> Double {
        guard let response = try? LoopbackConnection.get(port: port) else { return -1 }
        return response.text.split(separator: "\n").first { $0.hasPrefix("backlog_cycles_total ") }
            .flatMap { Double($0.split(separator: " ").last!) } ?? -1
    }
}
