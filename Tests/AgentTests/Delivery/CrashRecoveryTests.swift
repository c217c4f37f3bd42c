import Agent
import Foundation
import TestSupport
import Testing
import TimeSeries

/// `kill -9` of a real `backlog agent` while its receiver is down loses no notification.
@Suite struct CrashRecoveryTests {
    @Test func undeliveredNotificationsArriveAfterARestart() async throws {
        let fixture = try await DeliveryFixture.start()
        let down = LoopbackPort.unused()
        let config = try fixture.writeConfig(receivers: """
              - name: hook
                webhook: {url: "http://127.0.0.1:\(down)/hook", timeout: 1s}
            """)
        let log = "\(fixture.directory)/agent.log"
        let first = AgentProcess(config: config.path, port: config.listen.port)
        try first.start(log: log)
        // Killed once the alert state is saved too: a kill before that is a fresh alert on restart.
        try await DeliveryFixture.waitUntil("a failed delivery") {
            (try? String(contentsOfFile: log, encoding: .utf8))?.contains("will retry") == true
                && FileManager.default.fileExists(atPath: "\(fixture.directory)/h.db.alerts.json")
        }
        first.kill()
        #expect(fixture.receiver.requests.isEmpty)

        // The same receiver and route, now up (at the fixture's port): what waited in the outbox
        // arrives. (A changed route would change the group key, and a new group is notified anew.)
        let secondConfig = try fixture.writeConfig(receivers: """
              - name: hook
                webhook: {url: "\(fixture.receiver.url(path: "/hook"))", timeout: 1s}
            """)
        let second = AgentProcess(config: config.path, port: secondConfig.listen.port)
        try second.start(log: "\(fixture.directory)/agent2.log")
        // The first agent may have failed several attempts before it was killed, and the item keeps
        // its backoff across the restart (0.5 s doubling: 8 s after the fifth), so a loaded
        // machine can need more than the usual 10 s.
        try await DeliveryFixture.waitUntil(seconds: 30, "the queued notification") { !fixture.receiver.requests.isEmpty }
        // Three more polls, each a chance to announce the restored alert again, which it must not.
        try await second.waitForPolls(3)
        second.stop()
        await fixture.shutdown()
        #expect(second.termination?.status == 0)
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

extension CrashRecoveryTests {
    /// The agent's test-only crash point exists in debug builds only (`TestCrashPoint`).
    static var crashPointCompiledIn: Bool {
        #if DEBUG
        true
        #else
        false
        #endif
    }

    /// The notification was handed to delivery and held in group_wait, the alert state on disk
    /// already says "firing, sent", and the agent dies the instant before it would queue it.
    @Test(.enabled(if: crashPointCompiledIn, "the crash point is compiled into debug builds only"))
    func aNotificationKilledBeforeItWasQueuedIsSentAfterARestart() async throws {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig(receivers: """
              - name: hook
                webhook: {url: "\(fixture.receiver.url(path: "/hook"))", timeout: 2s}
                group_wait: 1s
            """)
        let agent = AgentProcess(config: config.path, port: config.listen.port)
        try agent.start(log: "\(fixture.directory)/agent1.log", environment: ["BACKLOG_TEST_KILL_BEFORE_ENQUEUE": "1"])
        agent.waitUntilExit()
        #expect(agent.termination?.reason == .uncaughtSignal && agent.termination?.status == SIGKILL)
        let state = try String(contentsOfFile: "\(fixture.directory)/h.db.alerts.json", encoding: .utf8)
        #expect(state.contains("\"firing\"") && state.contains("lastSentAt"), "the alert state already counts it as sent")
        #expect(fixture.receiver.requests.isEmpty)

        try agent.start(log: "\(fixture.directory)/agent2.log")
        try await DeliveryFixture.waitUntil("the notification the crash held back") { !fixture.receiver.requests.isEmpty }
        try await DeliveryFixture.waitUntil("the delivery recorded") {
            (agent.figure("backlog_notifications_sent_total") ?? 0) >= 1
        }
        agent.kill()

        // Delivered and logged: a third start after another kill -9 does not announce it again.
        try agent.start(log: "\(fixture.directory)/agent3.log")
        // Polls well past the 1 s group_wait, after which a notification not in the log would go out;
        // a machine running the whole suite at once can take minutes over them.
        try await agent.waitForPolls(10, timeout: .seconds(180))
        agent.stop()
        await fixture.shutdown()
        #expect(agent.termination?.status == 0)
        #expect(fixture.notifications.count == 1, "exactly once across two kill -9s")
        let json = try #require(fixture.notifications.first)
        #expect(json["status"] as? String == "firing")
        #expect(json["groupKey"] as? String == #"{}/{}:{alertname="HighBacklog"}"#)
        let log = try String(contentsOfFile: "\(fixture.directory)/agent3.log", encoding: .utf8)
        #expect(log.contains("msg=\"notification log restored\" groups=1"), "\(log)")
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
