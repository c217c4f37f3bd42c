import Foundation
import TestSupport
import Testing

/// An HA pair of real `backlog agent`s posting to a real, clustered pair of Alertmanagers over
/// the simulated fleet: one agent and one Alertmanager die by `kill -9` in the middle of an
/// incident, and the webhook still hears of every alert, each notification exactly once.
@Suite(.serialized) struct HAPairDeliveryTests {
    /// Rules over the fleet's story (`backlog fleet --help`): chat5 is down from 60 s to 90 s,
    /// and chat_router's mailbox passes 11,000 at about 78 s.
    static func rules(chat5: String) -> String {
        """
        groups:
          - name: ha
            rules:
              - alert: NodeDown
                expr: up{instance="\(chat5)"} == 0
                labels: {severity: page}
              - alert: HighBacklog
                expr: erlang_process_message_queue_len{name="chat_router"} > 11000
                labels: {severity: page}
        """
    }

    @Test(.enabled(if: AlertmanagerProcess.available, "prometheus-alertmanager is not installed (scripts/install-deps installs it)"))
    func killingOneAgentAndOneAlertmanagerLosesAndRepeatsNoNotification() async throws {
        let pair = try await HAPairFixture()
        try await pair.startCluster()
        // Ten seconds before chat5 goes down, so both agents poll before anything happens.
        let fleet = try await pair.startFleet(storySecond: 50)
        let rules = Self.rules(chat5: fleet.targets[4])
        let a = try pair.agent(replica: "a", rules: rules, targets: fleet.targets)
        let b = try pair.agent(replica: "b", rules: rules, targets: fleet.targets)
        try a.start(log: "\(pair.directory)/a.log")
        try b.start(log: "\(pair.directory)/b.log")
        defer {
            a.kill()
            b.kill()
        }

        // chat5 goes down at 60 s: both agents post NodeDown to both Alertmanagers; the first in
        // the cluster's order notifies, the other learns of it by gossip and stays quiet.
        try await waitUntil("the webhook hears NodeDown fire") { pair.notifications.contains { $0.summary == "NodeDown firing" } }
        let sent = { (am: AlertmanagerProcess) in am.figure(#"alertmanager_notifications_total{integration="webhook"}"#) ?? 0 }
        let notifier = try #require(pair.alertmanagers.first { sent($0) >= 1 }, "one Alertmanager notified")
        let other = try #require(pair.alertmanagers.first { $0 !== notifier })
        // The other one has its notification log from the notifier and has checked it, after its
        // peer timeout, for the group it holds too: it decided not to send.
        try await waitUntil("the second Alertmanager checked its gossiped notification log") {
            (other.figure(#"alertmanager_cluster_messages_received_total{msg_type="update"}"#) ?? 0) >= 1
                && (other.figure("alertmanager_nflog_queries_total") ?? 0) >= 1
        }
        #expect(sent(other) == 0, "the second Alertmanager did not notify")
        #expect(pair.notifications.map(\.summary) == ["NodeDown firing"])
        let storyAtKill = pair.storySecond(of: fleet)
        try #require(storyAtKill < 76, "the kill comes before chat_router's backlog alert (story second \(storyAtKill))")

        a.kill()
        notifier.kill()

        // The survivors: agent b posts HighBacklog (at ~78 s) and, at 90 s, NodeDown resolved to
        // the Alertmanager left, which notifies each; it knows from the dead one's gossip that
        // NodeDown was announced, so it says it resolved (and does not announce it again).
        // (A wait that runs out is not the end: the notifications below say what went wrong.)
        do {
            try await waitUntil("the webhook hears NodeDown resolve", timeout: .seconds(90)) {
                Set(pair.notifications.map(\.summary)).isSuperset(of: ["HighBacklog firing", "NodeDown resolved"])
            }
            // Several more of Alertmanager's group intervals (2 s), each a chance to notify again.
            try await b.waitForPolls(8)
        } catch is WaitTimedOut {}
        b.stop()
        await pair.shutdown()

        let notifications = pair.notifications
        #expect(notifications.map(\.summary) == ["NodeDown firing", "HighBacklog firing", "NodeDown resolved"], "\(notifications)")
        for notification in notifications {
            // One alert per notification: the pair's two copies of it are one alert to Alertmanager.
            #expect(notification.alerts.count == 1, "\(notification)")
            for alert in notification.alerts {
                #expect(alert.labels["replica"] == nil, "no replica label reaches Alertmanager: \(alert.labels)")
                #expect(alert.labels["dc"] == "ams")
            }
        }
        #expect(notifications.first { $0.summary == "HighBacklog firing" }?.alerts.first?.labels["name"] == "chat_router")
    }
}
