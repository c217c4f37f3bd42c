import Alerting
import Foundation
import Testing
import TimeSeries

/// How a process's evidence appears in what receivers get: annotations as they are for webhook
/// and Alertmanager, the verdict and a few frames for Slack.
@Suite struct EvidencePayloadTests {
    let time = Timestamp(milliseconds: 1_700_000_000_000)

    func group(_ annotations: [String: String]) -> AlertGroup {
        let alert = Alert(
            labels: Labels(["alertname": "HighBacklog", "instance": "chat3:9199", "name": "chat_router", "pid": "<0.212.0>"]),
            annotations: Labels(annotations), state: .firing, value: 6329, activeAt: time)
        var group = AlertGroup(groupLabels: Labels(["alertname": "HighBacklog"]), key: "{}/{}:{alertname=\"HighBacklog\"}", nextFlush: time)
        group.alerts[alert.fingerprint] = alert
        return group
    }

    let evidence = [
        "summary": "chat_router backs up",
        "verdict": "stuck", "verdict_reason": "waiting at 3 reductions/s, queue growing +150/s at 6329", "status": "waiting",
        "stacktrace": "gen:do_call/4 (gen.erl:240)\ngen_server:call/3 (gen_server.erl:386)\nchat_router:route/2 (chat_router.erl:88)\n"
            + "chat_router:handle_info/2 (chat_router.erl:40)\ngen_server:try_dispatch/4 (gen_server.erl:1123)",
    ]

    @Test func slackShowsTheVerdictAndTheTopThreeFrames() throws {
        let body = SlackPayload.encoded(receiver: "chat", group: group(evidence))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: String])
        #expect(json["text"] == """
            *[FIRING:1]* HighBacklog
            • HighBacklog (firing) instance=chat3:9199 name=chat_router pid=<0.212.0>
                chat_router backs up
                verdict: stuck — waiting at 3 reductions/s, queue growing +150/s at 6329
                at gen:do_call/4 (gen.erl:240)
                at gen_server:call/3 (gen_server.erl:386)
                at chat_router:route/2 (chat_router.erl:88)
                … 2 more frames
            """)
    }

    @Test func slackWithoutEvidenceIsUnchanged() throws {
        let body = SlackPayload.encoded(receiver: "chat", group: group(["summary": "chat_router backs up"]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: String])
        #expect(json["text"]?.contains("verdict") == false)
    }

    @Test func webhookAndAlertmanagerCarryTheAnnotations() throws {
        let webhook = WebhookPayload(receiver: "hook", group: group(evidence), externalURL: "http://agent").encoded()
        let posted = try #require(try JSONSerialization.jsonObject(with: Data(webhook)) as? [String: Any])
        let alert = try #require((posted["alerts"] as? [[String: Any]])?.first)
        #expect(alert["annotations"] as? [String: String] == evidence)

        let alertmanager = AlertmanagerPayload.encoded(group(evidence).firing, at: time, validity: .seconds(240))
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(alertmanager)) as? [[String: Any]])
        #expect(alerts.first?["annotations"] as? [String: String] == evidence)
    }

    @Test func addedAnnotationsNeverReplaceTheRulesOwn() {
        let alert = Alert(labels: Labels(["alertname": "A"]), annotations: Labels(["verdict": "see the runbook"]), state: .firing, value: 1, activeAt: time)
        let added = alert.addingAnnotations(Labels(["verdict": "stuck", "status": "waiting"]))
        #expect(added.annotations == Labels(["verdict": "see the runbook", "status": "waiting"]))
        #expect(added.labels == alert.labels && added.fingerprint == alert.fingerprint)
    }
}
