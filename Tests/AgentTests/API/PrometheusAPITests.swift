import Agent
import Foundation
import TestSupport
import Testing
import TimeSeries

/// The Prometheus HTTP API over real loopback sockets: answers byte for byte as Prometheus
/// gives them, the requests Grafana's data source makes, and bad input refused as Prometheus
/// refuses it.
@Suite(.serialized) struct PrometheusAPITests {
    static let router = #"erlang_process_message_queue_len{instance="node1:9100",job="chat",name="router",pid="\u003c0.1.0\u003e"}"#

    func withAgent(_ body: (APIFixture) async throws -> Void) async throws {
        try await withLoopbackServers([.ok(APIFixture.exposition)]) { exporters in
            let agent = try APIFixture(exporterPort: exporters[0].port)
            defer { agent.stop() }
            try await agent.waitForCycles()
            try await body(agent)
        }
    }

    @Test func answersByteForByteAsPrometheus() async throws {
        try await withAgent { agent in
            let b = agent.base
            let instant = try agent.get(APIFixture.path("/api/v1/query", [
                ("query", #"erlang_process_message_queue_len{name="router"}"#), ("time", "\(b + 60)"),
            ]))
            #expect(instant.status == 200)
            #expect(instant.header("Content-Type") == "application/json")
            #expect(instant.text == #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"erlang_process_message_queue_len","instance":"node1:9100","job":"chat","name":"router","pid":"\u003c0.1.0\u003e"},"value":["# + "\(b + 60)" + #","50"]}]}}"#)

            let range = try agent.get(APIFixture.path("/api/v1/query_range", [
                ("query", #"sum(erlang_process_message_queue_len{instance="node1:9100"})"#),
                ("start", "\(b)"), ("end", "\(b + 30)"), ("step", "15s"),
            ]))
            #expect(range.text == #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[["# + "\(b)" + #","15"],["# + "\(b + 15)" + #","25"],["# + "\(b + 30)" + #","35"]]}]}}"#)

            let fractional = try agent.get(APIFixture.path("/api/v1/query", [("query", "scalar(sum(up{instance=\"node1:9100\"}))"), ("time", "\(b).5")]))
            #expect(fractional.text == #"{"status":"success","data":{"resultType":"scalar","result":["# + "\(b).5" + #","1"]}}"#)

            let series = try agent.get(APIFixture.path("/api/v1/series", [
                ("match[]", #"erlang_process_message_queue_len{instance="node1:9100"}"#), ("start", "\(b)"), ("end", "\(b + 300)"),
            ]))
            #expect(series.text == #"{"status":"success","data":[{"__name__":"erlang_process_message_queue_len","instance":"node1:9100","job":"chat","name":"router","pid":"\u003c0.1.0\u003e"},{"__name__":"erlang_process_message_queue_len","instance":"node1:9100","job":"chat","name":"session","pid":"\u003c0.2.0\u003e"}]}"#)

            let labels = try agent.get(APIFixture.path("/api/v1/labels", [("match[]", #"up{instance="node1:9100"}"#)]))
            #expect(labels.text == #"{"status":"success","data":["__name__","instance","job"]}"#)

            let values = try agent.get(APIFixture.path("/api/v1/label/name/values", [("match[]", #"{instance="node1:9100"}"#)]))
            #expect(values.text == #"{"status":"success","data":["router","session"]}"#)

            let allNames = try agent.get("/api/v1/label/name/values")
            #expect(allNames.text == #"{"status":"success","data":["live","router","session"]}"#)

            let buildInfo = try agent.get("/api/v1/status/buildinfo")
            #expect(buildInfo.text == #"{"status":"success","data":{"version":""# + BuildInfo.version + #"","revision":"","branch":"","buildUser":"","buildDate":"","goVersion":""}}"#)

            let exemplars = try agent.get(APIFixture.path("/api/v1/query_exemplars", [("query", "up"), ("start", "\(b)"), ("end", "\(b + 60)")]))
            #expect(exemplars.text == #"{"status":"success","data":[]}"#)
        }
    }

    @Test func answersFromMemoryForRecentWindows() async throws {
        try await withAgent { agent in
            let live = try agent.get(APIFixture.path("/api/v1/query", [("query", #"erlang_process_message_queue_len{name="live"}"#)]))
            #expect(live.status == 200)
            #expect(live.text.contains(#""name":"live""#) && live.text.contains(#","7"]"#), "\(live.text)")
            // The cycles just stored may all fall after the last whole second: the window ends past them.
            let now = Timestamp.now().milliseconds / 1000 + 2
            let recent = try agent.get(APIFixture.path("/api/v1/query_range", [
                ("query", "erlang_vm_statistics_run_queues_length"), ("start", "\(now - 60)"), ("end", "\(now)"), ("step", "1"),
            ]))
            #expect(recent.text.hasPrefix(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"erlang_vm_statistics_run_queues_length""#))
        }
    }

    @Test func replaysWhatGrafanaSends() async throws {
        try await withAgent { agent in
            let now = Timestamp.now().milliseconds / 1000
            let b = agent.base
            // "Save & test": an instant query posted as a form.
            let test = try agent.post("/api/v1/query", form: [("query", "1+1"), ("time", "\(now)")])
            #expect(test.text == #"{"status":"success","data":{"resultType":"scalar","result":["# + "\(now)" + #","2"]}}"#)
            // A panel: a range query posted as a form.
            let panel = try agent.post("/api/v1/query_range", form: [
                ("query", #"topk(10, erlang_process_message_queue_len{job="chat"})"#), ("start", "\(b)"), ("end", "\(b + 285)"), ("step", "15"),
            ])
            #expect(panel.status == 200)
            #expect(panel.text.contains(#""name":"router""#) && panel.text.contains(#"[\#(b + 285),"200"]"#), "\(panel.text)")
            let buildInfo = try agent.get("/api/v1/status/buildinfo")
            #expect(buildInfo.status == 200)
            let labels = try agent.post("/api/v1/labels", form: [("start", "\(b)"), ("end", "\(now)")])
            #expect(labels.text.contains(#""__name__""#) && labels.text.contains(#""pid""#))
            let names = try agent.get(APIFixture.path("/api/v1/label/__name__/values", [("start", "\(b)"), ("end", "\(now)")]))
            #expect(names.text.contains(#""erlang_process_message_queue_len""#) && names.text.contains(#""up""#))
            let series = try agent.post("/api/v1/series", form: [("match[]", "up"), ("start", "\(b)"), ("end", "\(now)")])
            #expect(series.text.contains(#""instance":"node1:9100""#), "\(series.text)")
            let metadata = try agent.get("/api/v1/metadata")
            #expect(metadata.text.contains(#""up":[{"type":"unknown","help":"","unit":""}]"#))
            let exemplars = try agent.post("/api/v1/query_exemplars", form: [("query", "up"), ("start", "\(b)"), ("end", "\(now)")])
            #expect(exemplars.text == #"{"status":"success","data":[]}"#)
            let targets = try agent.get("/api/v1/targets")
            #expect(targets.text.contains(#""health":"up""#) && targets.text.contains(#""scrapePool":"chat""#), "\(targets.text)")
            let rules = try agent.get("/api/v1/rules")
            #expect(rules.text == #"{"status":"success","data":{"groups":[]}}"#)
            #expect(try agent.get("/-/ready").status == 200)
            #expect(try agent.get("/-/healthy").status == 200)
        }
    }

    @Test func refusesBadInputAsPrometheusDoes() async throws {
        try await withAgent { agent in
            let b = agent.base
            let badQuery = try agent.get(APIFixture.path("/api/v1/query", [("query", "sum(")]))
            #expect(badQuery.status == 400)
            #expect(badQuery.text.hasPrefix(#"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:"#), "\(badQuery.text)")

            let badStep = try agent.get(APIFixture.path("/api/v1/query_range", [("query", "up"), ("start", "\(b)"), ("end", "\(b + 60)"), ("step", "abc")]))
            #expect(badStep.status == 400)
            #expect(badStep.text == #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"step\": cannot parse \"abc\" to a valid duration"}"#)

            let zeroStep = try agent.get(APIFixture.path("/api/v1/query_range", [("query", "up"), ("start", "\(b)"), ("end", "\(b + 60)"), ("step", "0")]))
            #expect(zeroStep.text == #"{"status":"error","errorType":"bad_data","error":"zero or negative query resolution step widths are not accepted. Try a positive integer"}"#)

            let backwards = try agent.get(APIFixture.path("/api/v1/query_range", [("query", "up"), ("start", "\(b + 60)"), ("end", "\(b)"), ("step", "15s")]))
            #expect(backwards.status == 400)
            #expect(backwards.text == #"{"status":"error","errorType":"bad_data","error":"end timestamp must not be before start time"}"#)

            let badTime = try agent.get(APIFixture.path("/api/v1/query", [("query", "up"), ("time", "yesterday")]))
            #expect(badTime.status == 400)
            #expect(badTime.text == #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp"}"#)

            let tooMany = try agent.get(APIFixture.path("/api/v1/query_range", [("query", "up"), ("start", "0"), ("end", "\(b)"), ("step", "1")]))
            #expect(tooMany.status == 400)
            #expect(tooMany.text == #"{"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"}"#)

            let rfc3339 = try agent.get(APIFixture.path("/api/v1/query", [("query", "1"), ("time", "2030-01-02T03:04:05.250Z")]))
            #expect(rfc3339.text == #"{"status":"success","data":{"resultType":"scalar","result":[1893553445.25,"1"]}}"#)

            let noMatch = try agent.get("/api/v1/series")
            #expect(noMatch.text == #"{"status":"error","errorType":"bad_data","error":"no match[] parameter provided"}"#)

            let badLabel = try agent.get("/api/v1/label/0bad/values")
            #expect(badLabel.text == #"{"status":"error","errorType":"bad_data","error":"invalid label name: \"0bad\""}"#)

            let rangeVector = try agent.get(APIFixture.path("/api/v1/query_range", [("query", "up[5m]"), ("start", "\(b)"), ("end", "\(b + 60)"), ("step", "15")]))
            #expect(rangeVector.status == 400)
            #expect(rangeVector.text == #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": invalid expression type \"range vector\" for range query, must be Scalar or instant Vector"}"#)

            #expect(try agent.get("/api/v1/nothing").status == 404)
            #expect(try agent.post("/api/v1/targets", form: []).status == 405)
            #expect(try agent.post("/api/v1/query", form: [("query", "up")], method: "DELETE").status == 405)
        }
    }

    @Test func federatesTheLatestSampleOfEachSeries() async throws {
        try await withAgent { agent in
            let federated = try agent.get(APIFixture.path("/federate", [("match[]", #"{name="live"}"#), ("match[]", "erlang_vm_process_count")]))
            #expect(federated.status == 200)
            #expect(federated.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            let lines = federated.text.split(separator: "\n")
            #expect(lines.count == 4, "\(federated.text)")
            #expect(lines.first == "# TYPE erlang_process_message_queue_len untyped")
            let live = try #require(lines.dropFirst().first)
            #expect(live.hasPrefix(#"erlang_process_message_queue_len{initial_call="live:init/1",instance="127.0.0.1:"#))
            let parts = live.split(separator: " ")
            #expect(parts.count == 3 && parts[1] == "7")
            let stamp = try #require(Int64(parts[2]))
            #expect(abs(stamp - Timestamp.now().milliseconds) < 60_000, "the sample's own time, in milliseconds")
            #expect(lines[2] == "# TYPE erlang_vm_process_count untyped")
        }
    }
}
