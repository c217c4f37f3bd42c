@testable import Agent
import Fleet
import Foundation
import RemoteWrite
import TestSupport
import Testing
import TimeSeries

/// An agent polling the simulated fleet and remote-writing to real VictoriaMetrics and Prometheus
/// processes on loopback: every sample it stored arrives, none twice, also across an outage.
@Suite(.serialized) struct AgentRemoteWriteTests {
    let fixture: RemoteWriteFixture

    init() throws { fixture = try RemoteWriteFixture() }

    func config(fleet: FleetServer, stores: [(String, String)], history: String) throws -> AgentConfig {
        let targets = fleet.targets.map { "\"\($0)\"" }.joined(separator: ", ")
        var text = """
            interval: 200ms
            targets:
              - {job: chat, targets: [\(targets)]}
            history: {path: \(history)}
            external_labels: {replica: a}
            remote_write:

            """
        for (name, url) in stores {
            text += """
                  - name: \(name)
                    url: \(url)
                    queue_config: {max_samples_per_send: 700, batch_send_deadline: 100ms, min_backoff: 20ms, max_backoff: 200ms}

                """
        }
        let path = "\(fixture.directory)/backlog.yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try AgentConfig.load(path: path)
    }

    func startFleet() async throws -> FleetServer {
        let fleet = FleetServer(config: FleetConfig(nodeCount: 3, basePort: 0, processesPerNode: 200), threadCount: 1)
        try await fleet.start()
        return fleet
    }

    @Test(.enabled(if: StoreProcess.available(.victoriaMetrics) && StoreProcess.available(.prometheus)))
    func everyStoredSampleReachesBothEnginesOnce() async throws {
        let victoria = try StoreProcess(.victoriaMetrics)
        let prometheus = try StoreProcess(.prometheus)
        try await victoria.start()
        try await prometheus.start()
        let fleet = try await startFleet()
        let history = "\(fixture.directory)/h.db"
        let config = try config(fleet: fleet, stores: [("vm", victoria.writeURL), ("prom", prometheus.writeURL)], history: history)
        let log = RemoteWriteFixture.CapturedLog()
        let runtime = AgentRuntime(config: config, logger: log.logger)
        runtime.start()
        try await RemoteWriteFixture.waitUntil("ten cycles are stored") {
            (RemoteWriteFixture.figure(runtime, "backlog_store_appends_total") ?? 0) >= 10
        }
        try await RemoteWriteFixture.waitUntil("both receivers took samples") {
            (RemoteWriteFixture.figure(runtime, "backlog_remote_write_highest_timestamp_seconds{remote_name=\"vm\"}") ?? 0) > 0
                && (RemoteWriteFixture.figure(runtime, "backlog_remote_write_highest_timestamp_seconds{remote_name=\"prom\"}") ?? 0) > 0
        }
        runtime.stop()
        try await fleet.shutdown()
        for endpoint in config.remoteWrite.endpoints {
            try await RemoteWriteFixture.drain(history, endpoint: endpoint, externalLabels: config.externalLabels)
        }
        let expected = try RemoteWriteFixture.stored(history, adding: config.externalLabels)
        #expect(expected.count > 100, "the fleet gave a real workload")
        for store in [victoria, prometheus] {
            var problems: [String] = []
            try await RemoteWriteFixture.waitUntil("\(store.kind) holds every stored sample", seconds: 120) {
                problems = RemoteWriteFixture.differences(expected: expected, actual: try store.allSeries(at: Timestamp.now()))
                return problems.isEmpty
            }
            #expect(problems.isEmpty, "\(store.kind): \(problems.prefix(5))")
        }
        #expect(!log.text.contains("refused"))
    }

    @Test(.enabled(if: StoreProcess.available(.victoriaMetrics)))
    func aReceiverDownForAWhileGetsEverythingOnceBack() async throws {
        let victoria = try StoreProcess(.victoriaMetrics)
        try await victoria.start()
        let fleet = try await startFleet()
        let history = "\(fixture.directory)/outage.db"
        let config = try config(fleet: fleet, stores: [("vm", victoria.writeURL)], history: history)
        let log = RemoteWriteFixture.CapturedLog()
        let runtime = AgentRuntime(config: config, logger: log.logger)
        runtime.start()
        let highest = "backlog_remote_write_highest_timestamp_seconds{remote_name=\"vm\"}"
        try await RemoteWriteFixture.waitUntil("samples arrive") { (RemoteWriteFixture.figure(runtime, highest) ?? 0) > 0 }
        victoria.stop()
        let appendsAtOutage = RemoteWriteFixture.figure(runtime, "backlog_store_appends_total") ?? 0
        try await RemoteWriteFixture.waitUntil("sending fails and is retried while cycles go on") {
            (RemoteWriteFixture.figure(runtime, "backlog_remote_write_samples_retried_total{remote_name=\"vm\"}") ?? 0) > 0
                && (RemoteWriteFixture.figure(runtime, "backlog_store_appends_total") ?? 0) >= appendsAtOutage + 8
        }
        #expect((RemoteWriteFixture.figure(runtime, "backlog_remote_write_samples_pending{remote_name=\"vm\"}") ?? 0) > 0)
        try await victoria.start()
        let resumedAt = Double(Timestamp.now().milliseconds) / 1000
        try await RemoteWriteFixture.waitUntil("sending catches up after the outage") {
            (RemoteWriteFixture.figure(runtime, highest) ?? 0) > resumedAt - 0.2
        }
        runtime.stop()
        try await fleet.shutdown()
        try await RemoteWriteFixture.drain(history, endpoint: config.remoteWrite.endpoints[0], externalLabels: config.externalLabels)
        let expected = try RemoteWriteFixture.stored(history, adding: config.externalLabels)
        var problems: [String] = []
        try await RemoteWriteFixture.waitUntil("VictoriaMetrics holds every stored sample", seconds: 120) {
            problems = RemoteWriteFixture.differences(expected: expected, actual: try victoria.allSeries(at: Timestamp.now()))
            return problems.isEmpty
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(log.text.components(separatedBy: "remote write failing").count == 2, "the outage is logged once")
        #expect(log.text.contains("remote write works again"))
    }

    @Test func aRefusingReceiverIsCountedAndNeitherLogsNorMetricsShowItsKey() async throws {
        try await withLoopbackServers([.ok("erlang_process_message_queue_len{pid=\"<0.1.0>\"} 42\n")]) { targets in
            let receiver = try await LoopbackHTTPServer.start(behavior: .status(400, "bad labels"))
            let history = "\(fixture.directory)/refused.db"
            let path = "\(fixture.directory)/backlog.yml"
            try """
                interval: 200ms
                targets:
                  - {job: chat, targets: ["127.0.0.1:\(targets[0].port)"]}
                history: {path: \(history)}
                remote_write:
                  - url: "\(receiver.url(path: "/api/v1/write?api_key=TOPSECRET-KEY"))"
                    queue_config: {batch_send_deadline: 50ms}
                """.write(toFile: path, atomically: true, encoding: .utf8)
            let log = RemoteWriteFixture.CapturedLog()
            let runtime = AgentRuntime(config: try AgentConfig.load(path: path), logger: log.logger)
            runtime.start()
            let name = "127.0.0.1:\(receiver.port)"
            try await RemoteWriteFixture.waitUntil("a refused batch is counted") {
                (RemoteWriteFixture.figure(runtime, "backlog_remote_write_samples_failed_total{remote_name=\"\(name)\"}") ?? 0) > 0
            }
            runtime.stop()
            await receiver.shutdown()
            #expect(log.text.contains("remote write receiver refused a batch; dropped"))
            #expect(log.text.contains(name), "the log names the endpoint by its host")
            #expect(!log.text.contains("TOPSECRET"))
            #expect(!runtime.metrics.render().contains("TOPSECRET"))
            #expect(RemoteWriteFixture.figure(runtime, "backlog_remote_write_samples_retried_total{remote_name=\"\(name)\"}") == 0)
        }
    }
}
