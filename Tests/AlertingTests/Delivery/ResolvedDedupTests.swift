import Alerting
import ConfigFile
import Foundation
import Testing
import TimeSeries

/// Alertmanager's dedup rule for resolutions: only an alert that was announced as firing has its
/// resolution announced, once, and only to receivers with `send_resolved`. The stages are value
/// types driven by the times the test gives them (the test is their clock).
@Suite struct ResolvedDedupTests {
    /// The test's clock: seconds from an arbitrary start.
    func at(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: 1_700_000_000_000 + seconds * 1000) }

    func firing(_ instance: String, since: Int64 = 0) -> Alert {
        Alert(
            labels: Labels(["alertname": "HighBacklog", "instance": instance, "severity": "page"]), state: .firing, value: 20_000,
            activeAt: at(since), firedAt: at(since))
    }

    func resolved(_ alert: Alert, at seconds: Int64) -> Alert {
        var copy = alert
        copy.state = .inactive
        copy.resolvedAt = at(seconds)
        return copy
    }

    func hook(sendResolved: Bool = true, grouping: GroupingOptions = GroupingOptions()) -> ReceiverConfig {
        ReceiverConfig(
            name: "hook", kind: .webhook(DeliveryEndpoint(url: "http://127.0.0.1:1/")), grouping: grouping, sendResolved: sendResolved)
    }

    func statuses(_ result: DispatchResult) throws -> [String] {
        try result.notifications.map { notification in
            let json = try #require(try JSONSerialization.jsonObject(with: Data(notification.payload)) as? [String: Any])
            return try #require(json["status"] as? String)
        }
    }

    @Test func anAlertThatFiresAndResolvesWithinGroupWaitIsNeverNotified() throws {
        var dispatcher = AlertDispatcher(receivers: [hook(grouping: GroupingOptions(groupWait: .seconds(5)))], externalURL: "")
        let a = firing("n1")
        #expect(dispatcher.step(current: [a], at: at(0)).notifications.isEmpty, "held in group_wait")
        #expect(dispatcher.step(current: [resolved(a, at: 3)], at: at(3)).notifications.isEmpty)
        for second in [5, 6, 30, 600] as [Int64] {
            #expect(dispatcher.step(current: [resolved(a, at: 3)], at: at(second)).notifications.isEmpty, "at \(second)s")
        }
        #expect(dispatcher.groupers["hook"]?.log.entries.isEmpty == true, "nothing was announced, so nothing is logged")

        // The same with a grouper of its own and group_wait 0: resolved before the first cycle saw it fire.
        var grouper = AlertGrouper(route: AlertRoute(), options: GroupingOptions())
        #expect(grouper.step([resolved(a, at: 1)], at: at(1)).isEmpty)
    }

    @Test func aNotifiedAlertsResolutionIsSentOnceAndASecondResolutionNever() throws {
        var dispatcher = AlertDispatcher(receivers: [hook()], externalURL: "")
        let a = firing("n1")
        #expect(try statuses(dispatcher.step(current: [a], at: at(0))) == ["firing"])
        #expect(dispatcher.step(current: [a], at: at(5)).notifications.isEmpty)
        let resolution = dispatcher.step(current: [resolved(a, at: 10)], at: at(10))
        #expect(try statuses(resolution) == ["resolved"], "one resolved notification")
        #expect(resolution.notifications.first?.log?.resolved.count == 1 && resolution.notifications.first?.log?.firing.isEmpty == true)
        for second in [11, 20, 4 * 3600 + 10] as [Int64] {
            #expect(dispatcher.step(current: [resolved(a, at: 10)], at: at(second)).notifications.isEmpty, "not again at \(second)s")
        }

        // The alert fires again (a new episode) and resolves inside group_interval: that
        // second resolution is of an episode never announced, so nothing goes out.
        var grouped = AlertDispatcher(receivers: [hook(grouping: GroupingOptions(groupInterval: .seconds(30)))], externalURL: "")
        #expect(grouped.step(current: [a], at: at(0)).notifications.count == 1)
        #expect(grouped.step(current: [resolved(a, at: 10)], at: at(30)).notifications.count == 1)
        let again = firing("n1", since: 40)
        #expect(grouped.step(current: [again], at: at(40)).notifications.isEmpty, "inside group_interval")
        #expect(grouped.step(current: [resolved(again, at: 50)], at: at(60)).notifications.isEmpty)
        #expect(grouped.step(current: [resolved(again, at: 50)], at: at(90)).notifications.isEmpty)
    }

    @Test func onlyResolutionsOfAnnouncedAlertsAreShown() throws {
        var grouper = AlertGrouper(route: AlertRoute(), options: GroupingOptions(groupInterval: .seconds(30)))
        let a = firing("n1")
        let b = firing("n2", since: 5)
        #expect(grouper.step([a], at: at(0)).first?.firing.count == 1)
        // b fires and resolves between two notifications; then a new alert c makes the group due.
        let c = firing("n3", since: 30)
        let due = try #require(grouper.step([a, resolved(b, at: 10), c], at: at(30)).first)
        #expect(due.firing.count == 2)
        #expect(due.resolved.isEmpty, "b was never announced as firing, so its resolution is no news")
    }

    @Test func repeatIntervalResendsFiringAlertsOnly() {
        let options = GroupingOptions(groupInterval: .seconds(1), repeatInterval: .seconds(60))
        var dispatcher = AlertDispatcher(receivers: [hook(grouping: options)], externalURL: "")
        let a = firing("n1")
        #expect(dispatcher.step(current: [a], at: at(0)).notifications.count == 1)
        #expect(dispatcher.step(current: [a], at: at(59)).notifications.isEmpty)
        let repeated = dispatcher.step(current: [a], at: at(60))
        #expect(repeated.notifications.count == 1, "repeat_interval passed")
        #expect(repeated.notifications.first?.log?.sentAt == at(60), "and counts again from now")
        #expect(dispatcher.step(current: [a], at: at(119)).notifications.isEmpty)
        #expect(dispatcher.step(current: [resolved(a, at: 120)], at: at(120)).notifications.count == 1)
        #expect(dispatcher.step(current: [resolved(a, at: 120)], at: at(240)).notifications.isEmpty, "nothing fires: no repeat")
    }

    @Test func sendResolvedFalseKeepsResolutionsOut() throws {
        var dispatcher = AlertDispatcher(
            receivers: [hook(sendResolved: false, grouping: GroupingOptions(repeatInterval: .seconds(60)))], externalURL: "")
        let a = firing("n1")
        let b = firing("n2")
        #expect(dispatcher.step(current: [a, b], at: at(0)).notifications.count == 1)
        #expect(dispatcher.step(current: [a, resolved(b, at: 5)], at: at(5)).notifications.isEmpty, "b's resolution is not sent")
        let repeated = dispatcher.step(current: [a, resolved(b, at: 5)], at: at(60))
        let payload = try #require(repeated.notifications.first).payload
        let json = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
        #expect((json["alerts"] as? [[String: Any]])?.count == 1, "the repeat carries the firing alert only")
        #expect(dispatcher.step(current: [resolved(a, at: 70), resolved(b, at: 5)], at: at(70)).notifications.isEmpty)
    }

    @Test func aResolutionThatCouldNotBeQueuedIsProducedAgain() throws {
        var dispatcher = AlertDispatcher(receivers: [hook()], externalURL: "")
        let a = firing("n1")
        let first = dispatcher.step(current: [a], at: at(0))
        let resolution = dispatcher.step(current: [resolved(a, at: 10)], at: at(10))
        #expect(resolution.notifications.first?.previousLog == first.notifications.first?.log)
        dispatcher.takeBack(try #require(resolution.notifications.first))
        #expect(dispatcher.step(current: [resolved(a, at: 10)], at: at(10) + .millis(500)).notifications.isEmpty, "group_interval still applies")
        #expect(try statuses(dispatcher.step(current: [resolved(a, at: 10)], at: at(11))) == ["resolved"], "the log still knows a fired")
    }

    @Test func sendResolvedIsReadFromWebhookAndSlackSections() throws {
        let yaml = """
            receivers:
              - name: quiet
                webhook: {url: "http://127.0.0.1:1/", send_resolved: false}
              - name: chat
                slack: {url_env: SLACK, send_resolved: false}
              - name: plain
                webhook: {url: "http://127.0.0.1:1/"}
              - name: team
                alertmanager: {urls: ["http://127.0.0.1:9093"], send_resolved: false}
            """
        let root = try YAMLNode.parse(yaml, file: "backlog.yml")
        let secrets = SecretReader(directory: NSTemporaryDirectory(), environment: ["SLACK": "https://hooks.example/x"])
        let receivers = try root.mapping(allowedKeys: ["receivers"], context: "test")["receivers"]
        do {
            _ = try ReceiverConfig.parseAll(receivers, secrets: secrets)
            Issue.record("an Alertmanager receiver always gets resolutions; send_resolved there is a mistake")
        } catch {
            #expect(error.description.contains("send_resolved"), "\(error.description)")
        }
        let valid = try YAMLNode.parse(String(yaml.split(separator: "\n").dropLast(2).joined(separator: "\n")), file: "backlog.yml")
        let parsed = try ReceiverConfig.parseAll(
            try valid.mapping(allowedKeys: ["receivers"], context: "test")["receivers"], secrets: secrets)
        #expect(parsed.map(\.sendResolved) == [false, false, true])
    }
}
