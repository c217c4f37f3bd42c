import Foundation
import TestSupport
import Testing
import TimeSeries

/// `kill -9` of a real `backlog agent` while its receiver is down loses no notification.
@Suite struct CrashRecoveryTests {
    func startAgent(_ config: String, log: String) throws -> Process {
        let process = Process()
        process.executableURL = BuiltProduct.url("backlog")
        process.arguments = ["agent", "--config", config]
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func undeliveredNotificationsArriveAfterARestart() async throws {
        let fixture = try await DeliveryFixture.start()
        let down = LoopbackPort.unused()
        let config = try fixture.writeConfig(receivers: """
              - name: hook
                webhook: {url: "http://127.0.0.1:\(down)/hook", timeout: 1s}
            """)
        let log = "\(fixture.directory)/agent.log"
        let first = try startAgent(config.path, log: log)
        try await DeliveryFixture.waitUntil("a failed delivery") {
            (try? String(contentsOfFile: log, encoding: .utf8))?.contains("will retry") == true
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(fixture.receiver.requests.isEmpty)

        // The same receiver, now up (at the fixture's port): what waited in the outbox arrives.
        _ = try fixture.writeConfig()
        let second = try startAgent(config.path, log: "\(fixture.directory)/agent2.log")
        try await DeliveryFixture.waitUntil("the queued notification") { !fixture.receiver.requests.isEmpty }
        try await Task.sleep(for: .milliseconds(500))
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
        await fixture.shutdown()
        #expect(second.terminationStatus == 0)
        let notifications = fixture.notifications
        #expect(notifications.count == 1, "sent once: the restored alert is not announced again")
        let json = try #require(notifications.first)
        #expect(json["groupKey"] as? String == #"{}/{}:{alertname="HighBacklog"}"#)
        let alert = try #require((json["alerts"] as? [[String: Any]])?.first)
        let labels = try #require(alert["labels"] as? [String: String])
        #expect(alert["fingerprint"] as? String == Labels(labels).fingerprintText)
        #expect(FileManager.default.fileExists(atPath: "\(fixture.directory)/h.db.alerts.json"), "alert state persisted")
    }
}

/// The example config at the repository root stays valid.
@Suite struct ExampleConfigTests {
    @Test func exampleConfigPassesCheckConfig() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let run = try CommandRun.backlog(["agent", "--check-config", "--config", "\(root)/backlog.example.yml"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("receivers oncall"))
    }

    @Test func checkConfigReportsReceiverAndRuleMistakes() throws {
        let directory = NSTemporaryDirectory() + "backlog-check-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: 'up =='\n".write(toFile: "\(directory)/bad.yml", atomically: true, encoding: .utf8)
        try "targets: []\nrule_files: [bad.yml]\nreceivers:\n  - name: r\n    webhook: {url_file: missing}\n"
            .write(toFile: "\(directory)/backlog.yml", atomically: true, encoding: .utf8)
        let run = try CommandRun.backlog(["agent", "--check-config", "--config", "\(directory)/backlog.yml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(directory)/bad.yml:5:"), "\(run.stderr)")
        #expect(run.stderr.contains("\(directory)/backlog.yml:5:25: receiver \"r\".webhook.url_file: cannot read"), "\(run.stderr)")
    }
}
