import Agent
import Foundation
import TestSupport
import Testing
import TimeSeries

/// Real Prometheus tools against a real agent: `promtool query …`, and a Prometheus 2.42 server
/// federating from the agent's `/federate`.
@Suite(.serialized) struct PrometheusToolsTests {
    static let promtool = "/usr/bin/promtool"
    static let prometheus = "/usr/bin/prometheus"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: promtool)))
    func promtoolQueriesTheAgent() async throws {
        try await withLoopbackServers([.ok(APIFixture.exposition)]) { exporters in
            let agent = try APIFixture(exporterPort: exporters[0].port)
            defer { agent.stop() }
            try await agent.waitForCycles()
            let url = "http://127.0.0.1:\(agent.port)"
            let instant = try ToolRun.run(Self.promtool, ["query", "instant", url, #"erlang_process_message_queue_len{name="live"}"#])
            #expect(instant.status == 0, "\(instant.output)")
            #expect(instant.output.contains(#"name="live""#) && instant.output.contains("=> 7 @["), "\(instant.output)")

            let b = agent.base
            let range = try ToolRun.run(Self.promtool, [
                "query", "range", "--start=\(b)", "--end=\(b + 30)", "--step=15s", url,
                #"erlang_process_message_queue_len{name="router"}"#,
            ])
            #expect(range.status == 0, "\(range.output)")
            #expect(range.output.contains("10 @[\(b)]") && range.output.contains("30 @[\(b + 30)]"), "\(range.output)")

            let series = try ToolRun.run(Self.promtool, ["query", "series", "--match=up", url])
            #expect(series.status == 0, "\(series.output)")
            #expect(series.output.contains(#"instance="node1:9100""#), "\(series.output)")

            let labels = try ToolRun.run(Self.promtool, ["query", "labels", url, "name"])
            #expect(labels.status == 0, "\(labels.output)")
            #expect(labels.output.split(separator: "\n") == ["live", "router", "session"], "\(labels.output)")

            let bad = try ToolRun.run(Self.promtool, ["query", "instant", url, "sum("])
            #expect(bad.status != 0)
            #expect(bad.output.contains("bad_data"), "\(bad.output)")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: prometheus)))
    func prometheusFederatesFromTheAgent() async throws {
        try await withLoopbackServers([.ok(APIFixture.exposition)]) { exporters in
            let agent = try APIFixture(exporterPort: exporters[0].port)
            defer { agent.stop() }
            try await agent.waitForCycles()
            let config = """
                global: {scrape_interval: 1s, scrape_timeout: 1s}
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params: {'match[]': ['{job="chat"}']}
                    static_configs: [{targets: ['127.0.0.1:\(agent.port)']}]

                """
            try config.write(toFile: "\(agent.directory)/prometheus.yml", atomically: true, encoding: .utf8)
            let port = LoopbackPort.unused()
            let server = Process()
            server.executableURL = URL(fileURLWithPath: Self.prometheus)
            server.arguments = [
                "--config.file=\(agent.directory)/prometheus.yml", "--storage.tsdb.path=\(agent.directory)/prometheus-data",
                "--web.listen-address=127.0.0.1:\(port)",
            ]
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            defer {
                server.terminate()
                server.waitUntilExit()
            }
            let query = APIFixture.path("/api/v1/query", [("query", #"erlang_process_message_queue_len{name="live"}"#)])
            var answer = ""
            try await APIFixture.waitUntil("Prometheus has the federated samples", timeout: .seconds(90)) {
                answer = try LoopbackConnection(port: port).get(query).text
                return answer.contains(#""name":"live""#)
            }
            #expect(answer.contains(#""job":"chat""#) && answer.contains(#","7"]"#), "\(answer)")
            let up = try LoopbackConnection(port: port).get(APIFixture.path("/api/v1/query", [("query", #"up{job="federate"}"#)])).text
            #expect(up.contains(#","1"]"#), "Prometheus scraped /federate without errors: \(up)")
        }
    }
}
