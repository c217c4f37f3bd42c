import Alerting
import ConfigFile
import Foundation
import Testing
import TimeSeries

/// Route → group → dedup → retry, each stage driven by the times the test gives it.
@Suite struct DeliveryStageTests {
    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: 1_700_000_000_000 + seconds * 1000) }

    func firing(_ name: String, instance: String, since: Int64 = 0, severity: String = "page") -> Alert {
        Alert(
            labels: Labels(["alertname": name, "instance": instance, "severity": severity]), state: .firing, value: 20_000,
            activeAt: at(since), firedAt: at(since))
    }

    func resolved(_ alert: Alert, at seconds: Int64) -> Alert {
        var copy = alert
        copy.state = .inactive
        copy.resolvedAt = at(seconds)
        return copy
    }

    @Test func groupsByAlertnameAndWaitsForGroupWait() {
        var grouper = AlertGrouper(route: AlertRoute(), options: GroupingOptions(groupWait: .seconds(5)))
        let a = firing("HighBacklog", instance: "n1")
        let b = firing("HighBacklog", instance: "n2")
        #expect(grouper.step([a], at: at(0)).isEmpty, "group_wait holds the first notification")
        #expect(grouper.step([a, b], at: at(3)).isEmpty)
        let due = grouper.step([a, b], at: at(5))
        #expect(due.count == 1)
        #expect(due.first?.alerts.count == 2, "both alerts share one group")
        #expect(due.first?.key == #"{}/{}:{alertname="HighBacklog"}"#)
    }

    @Test func notifiesOnlyOnChangeOrRepeat() {
        var grouper = AlertGrouper(route: AlertRoute(), options: GroupingOptions(groupInterval: .seconds(1), repeatInterval: .seconds(60)))
        let a = firing("HighBacklog", instance: "n1")
        #expect(grouper.step([a], at: at(0)).count == 1, "new firing alert: sent at once (group_wait 0s)")
        #expect(grouper.step([a], at: at(1)).isEmpty, "nothing changed")
        #expect(grouper.step([a], at: at(30)).isEmpty)
        let b = firing("HighBacklog", instance: "n2", since: 31)
        #expect(grouper.step([a, b], at: at(31)).first?.alerts.count == 2, "a new alert joins: the group is sent")
        let gone = grouper.step([a, resolved(b, at: 32)], at: at(32))
        #expect(gone.first?.resolved.count == 1, "a resolution is sent")
        #expect(grouper.step([a, resolved(b, at: 32)], at: at(33)).isEmpty, "and only once")
        let repeated = grouper.step([a, resolved(b, at: 32)], at: at(92))
        #expect(repeated.count == 1, "repeat_interval passed")
        #expect(repeated.first?.resolved.isEmpty == true, "an announced resolution is not repeated")
    }

    @Test func groupIntervalSpacesNotifications() {
        var grouper = AlertGrouper(route: AlertRoute(), options: GroupingOptions(groupInterval: .seconds(10)))
        let a = firing("X", instance: "n1")
        #expect(grouper.step([a], at: at(0)).count == 1)
        let b = firing("X", instance: "n2", since: 2)
        #expect(grouper.step([a, b], at: at(2)).isEmpty, "inside group_interval")
        #expect(grouper.step([a, b], at: at(10)).count == 1)
    }

    @Test func routesByMatchAndMatchRe() throws {
        let route = AlertRoute(matchers: [.equal("severity", "page"), try LabelMatcher("instance", .regexMatch, "n[12]")])
        #expect(route.matches(firing("X", instance: "n1").labels))
        #expect(!route.matches(firing("X", instance: "n3").labels))
        #expect(!route.matches(firing("X", instance: "n1", severity: "ticket").labels))
    }

    @Test func aRestoredLogDecidesWhatIsNotifiedAfterARestart() {
        let options = GroupingOptions(groupInterval: .seconds(1), repeatInterval: .seconds(60))
        let a = firing("X", instance: "n1")
        let b = firing("X", instance: "n2", since: 5)
        var before = AlertGrouper(route: AlertRoute(), options: options)
        #expect(before.step([a], at: at(0)).count == 1, "queued, and logged with it")
        let saved = before.log.entries

        var restarted = AlertGrouper(route: AlertRoute(), options: options)
        restarted.restore(log: saved)
        #expect(restarted.step([a], at: at(10)).isEmpty, "already notified before the restart")
        #expect(restarted.step([a], at: at(30)).isEmpty)
        #expect(restarted.step([a], at: at(60)).count == 1, "repeat_interval counts from the saved time, not the restart")

        // `b` was handed to delivery but the agent died before it was queued: the log does not cover it.
        var crashed = AlertGrouper(route: AlertRoute(), options: options)
        crashed.restore(log: saved)
        let due = crashed.step([a, b], at: at(10))
        #expect(due.count == 1 && due.first?.firing.count == 2, "the group is notified with the alert the crash held back")

        // A resolution that was announced stays announced; a group that is gone leaves the log.
        var resolving = AlertGrouper(route: AlertRoute(), options: options)
        #expect(resolving.step([a], at: at(0)).count == 1)
        #expect(resolving.step([resolved(a, at: 3)], at: at(3)).first?.resolved.count == 1)
        var again = AlertGrouper(route: AlertRoute(), options: options)
        again.restore(log: resolving.log.entries)
        #expect(again.step([resolved(a, at: 3)], at: at(10)).isEmpty)
        #expect(again.step([firing("Y", instance: "n1")], at: at(11)).count == 1)
        #expect(again.log.entries.keys.sorted() == [#"{}/{}:{alertname="Y"}"#], "the log is swept of restored groups that are gone")
    }

    @Test func dispatcherCarriesLogEntriesAndCanTakeANotificationBack() {
        let hook = ReceiverConfig(name: "hook", kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:1/")))
        let team = ReceiverConfig(name: "team", kind: .alertmanager([DeliveryEndpoint(url: "http://127.0.0.1:2/api/v2/alerts")]))
        var dispatcher = AlertDispatcher(receivers: [hook, team], externalURL: "http://127.0.0.1:9300")
        let a = firing("X", instance: "n1")
        let first = dispatcher.step(current: [a], at: at(0))
        #expect(first.notifications.map(\.outboxKey) == ["hook", "team"])
        #expect(first.notifications[0].log?.sentAt == at(0) && first.notifications[0].log?.firing.count == 1)
        #expect(first.notifications[0].previousLog == nil)
        #expect(first.notifications[1].log?.firing.count == 1, "Alertmanager receivers keep a log too")
        dispatcher.takeBack(first.notifications[0])
        #expect(dispatcher.step(current: [a], at: at(1)).notifications.map(\.outboxKey) == ["hook"], "produced again")
        let gone = dispatcher.step(current: [], at: at(2))
        #expect(gone.notifications.isEmpty)
        #expect(gone.forgotten.map { "\($0.receiver) \($0.groupKey)" } == [#"hook {}/{}:{alertname="X"}"#, "team {}/{}:api-v2"])
    }

    @Test func retryPolicyClassifiesAndBacksOff() {
        let policy = RetryPolicy(initial: .millis(500), cap: .seconds(60))
        #expect(policy.decide(.status(200), attempt: 1, jitter: 0) == .delivered)
        #expect(policy.decide(.status(204), attempt: 1, jitter: 0) == .delivered)
        #expect(policy.decide(.status(400), attempt: 1, jitter: 0) == .drop(reason: "HTTP 400"))
        #expect(policy.decide(.status(429), attempt: 1, jitter: 1) == .retry(after: .millis(500), reason: "HTTP 429"))
        #expect(policy.decide(.status(503), attempt: 3, jitter: 1) == .retry(after: .millis(2000), reason: "HTTP 503"))
        #expect(policy.decide(.failed(reason: "timed out"), attempt: 2, jitter: 0) == .retry(after: .millis(500), reason: "timed out"))
        #expect(policy.backoff(attempt: 40, jitter: 1) == .seconds(60), "capped")
        #expect(policy.backoff(attempt: 40, jitter: 0) == .seconds(30), "jitter keeps at least half")
    }

    @Test func webhookPayloadHasAlertmanagerFields() throws {
        var group = AlertGroup(groupLabels: Labels(["alertname": "HighBacklog"]), key: "{}/{}:{alertname=\"HighBacklog\"}", nextFlush: at(0))
        var a = firing("HighBacklog", instance: "n1")
        a.annotations = Labels(["summary": "big"])
        a.generatorURL = "http://127.0.0.1:9300/graph"
        let b = resolved(firing("HighBacklog", instance: "n2"), at: 5)
        group.alerts = [a.fingerprint: a, b.fingerprint: b]
        let bytes = WebhookPayload(receiver: "oncall", group: group, externalURL: "http://127.0.0.1:9300", maxAlerts: 1).encoded()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(json["version"] as? String == "4")
        #expect(json["status"] as? String == "firing")
        #expect(json["receiver"] as? String == "oncall")
        #expect(json["truncatedAlerts"] as? Int == 1)
        #expect(json["groupKey"] as? String == group.key)
        #expect((json["commonLabels"] as? [String: String])?["severity"] == "page")
        #expect((json["commonLabels"] as? [String: String])?["instance"] == nil)
        let alert = try #require((json["alerts"] as? [[String: Any]])?.first)
        #expect(alert["status"] as? String == "firing")
        #expect(alert["startsAt"] as? String == "2023-11-14T22:13:20.000Z")
        #expect(alert["endsAt"] as? String == "0001-01-01T00:00:00Z")
        #expect(alert["fingerprint"] as? String == a.labels.fingerprintText)
        #expect((alert["fingerprint"] as? String)?.count == 16)
    }

    @Test func receiversParseWithSecretsFromFilesAndEnvironment() throws {
        let directory = NSTemporaryDirectory() + "receivers-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "http://127.0.0.1:1/hook/s3cr3t-token\n".write(toFile: "\(directory)/url", atomically: true, encoding: .utf8)
        let yaml = """
            receivers:
              - name: oncall
                webhook: {url_file: url, bearer_token_env: TOKEN, max_alerts: 5}
                match: {severity: page}
                match_re: {instance: "n.*"}
                group_by: ["..."]
              - name: team
                alertmanager: {urls: ["http://127.0.0.1:9093/", "http://127.0.0.1:9094"]}
            """
        let root = try YAMLNode.parse(yaml, file: "backlog.yml")
        let map = try root.mapping(allowedKeys: ["receivers"], context: "test")
        let receivers = try ReceiverConfig.parseAll(map["receivers"], secrets: SecretReader(directory: directory, environment: ["TOKEN": "t0k"]))
        #expect(receivers.map(\.name) == ["oncall", "team"])
        #expect(receivers[0].grouping.groupBy == nil)
        #expect(receivers[0].maxAlerts == 5)
        #expect(receivers[1].outboxKeys == ["team#1", "team#2"])
        #expect(receivers[1].endpoint(forOutboxKey: "team#2")?.url.value == "http://127.0.0.1:9094/api/v2/alerts")
        let endpoint = try #require(receivers[0].endpoint(forOutboxKey: "oncall"))
        #expect(endpoint.bearerToken?.value == "t0k")
        #expect(endpoint.displayURL == "http://127.0.0.1:1")
        #expect("\(endpoint.url)" == "<secret>")

        let bad = try YAMLNode.parse("receivers:\n  - name: x\n    webhook: {url_env: MISSING}\n", file: "b.yml")
        #expect(throws: ConfigError.self) {
            try ReceiverConfig.parseAll(bad.mapping(allowedKeys: ["receivers"], context: "t")["receivers"], secrets: SecretReader(directory: directory, environment: [:]))
        }
        do {
            _ = try ReceiverConfig.parseAll(bad.mapping(allowedKeys: ["receivers"], context: "t")["receivers"], secrets: SecretReader(directory: directory, environment: [:]))
        } catch {
            #expect(error.description.hasPrefix("b.yml:3:"), "\(error.description)")
        }
    }
}
