import Foundation
import TestSupport
import Testing

/// `top --source` and `query --source` against a real VictoriaMetrics and a real Prometheus that
/// hold the same samples as a local history: the answers must be the local answers.
// Serialized: the engines of two tests at once could pick the same unused port.
@Suite(.serialized, .enabled(if: SourceStore.haveEngines, "victoria-metrics, prometheus and promtool are needed (scripts/install-deps)"))
struct SourceCommandTests {
    let directory: String
    let db: String
    /// Whole minutes, so steps land on samples.
    static let start: Int64 = 1_764_000_000

    init() throws {
        directory = NSTemporaryDirectory() + "backlog-source-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        db = "\(directory)/backlog.db"
    }

    /// Ten minutes at 10 s on three nodes, one process of each kind the ranking tells apart.
    static func fleet() -> [FixtureSample] {
        var samples: [FixtureSample] = []
        func add(_ series: String, _ value: Double, step: Int) {
            samples.append(FixtureSample(series: series, value: value, milliseconds: (start + Int64(step) * 10) * 1000))
        }
        let metric = "erlang_process_message_queue_len"
        for step in 0..<60 {
            let s = Double(step)
            add(#"\#(metric){instance="h1:9199",job="chat",name="chat_router",pid="<0.100.0>"}"#, 4000 + 150 * s, step: step)
            add(#"\#(metric){instance="h2:9199",job="chat",name="session_sup",pid="<0.120.0>"}"#, 50 * s, step: step)
            add(#"\#(metric){instance="h2:9199",job="chat",pid="<0.200.0>"}"#, 7, step: step)
            add(#"\#(metric){instance="h3:9199",job="chat",name="db_writer",pid="<0.300.0>"}"#, 9000 - 100 * s, step: step)
            add(#"\#(metric){instance="h3:9199",job="chat",name="presence",pid="<0.310.0>"}"#, step % 2 == 0 ? 500 : 1500, step: step)
            if step <= 40 { add(#"\#(metric){instance="h1:9199",job="chat",name="old_worker",pid="<0.130.0>"}"#, 300, step: step) }
            for (instance, node) in [("h1:9199", "chat1@host"), ("h2:9199", "chat2@host"), ("h3:9199", "chat3@host")] {
                add(#"erlang_node_info{instance="\#(instance)",job="chat",node="\#(node)",otp_release="26"}"#, 1, step: step)
                add(#"up{instance="\#(instance)",job="chat"}"#, 1, step: step)
            }
        }
        return samples
    }

    /// Series in `fleet()`.
    static let fleetSeries = 12

    func importLocal() throws {
        let file = "\(directory)/fleet.om"
        try FixtureSample.openMetrics(Self.fleet()).write(toFile: file, atomically: true, encoding: .utf8)
        let run = try CommandRun.backlog(["import", file, "--db", db])
        try #require(run.status == 0, "\(run.stderr)")
    }

    @Test func topFromVictoriaMetricsAndPrometheusIsTheLocalTop() async throws {
        try importLocal()
        let victoria = try await SourceStore.victoriaMetrics(Self.fleet(), directory: directory, expectSeries: Self.fleetSeries)
        defer { victoria.stop() }
        let prometheus = try await SourceStore.prometheus(Self.fleet(), directory: directory)
        defer { prometheus.stop() }
        for at in [Self.start + 590, Self.start + 400, Self.start + 800] {
            for format in ["table", "json"] {
                let local = try CommandRun.backlog(["top", "--db", db, "--at", "\(at)", "--format", format])
                #expect(local.status == 0, "\(local.stderr)")
                for store in [victoria, prometheus] {
                    let remote = try CommandRun.backlog(["top", "--source", store.url, "--at", "\(at)", "--format", format])
                    #expect(remote.status == 0, "\(store.url): \(remote.stderr)")
                    #expect(remote.stdout == local.stdout, "\(store.url) at \(at), \(format)")
                }
            }
        }
        // The ranking saw every kind: over the threshold, approaching, draining, noisy.
        let table = try CommandRun.backlog(["top", "--source", victoria.url, "--at", "\(Self.start + 590)"]).stdout
        let rows = table.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows.count == 8, "\(table)")
        #expect(rows.dropFirst(2).first?.hasPrefix("1 chat_router <0.100.0> chat1@host 12,850") == true, "\(table)")
        #expect(rows.contains { $0.hasPrefix("2 session_sup <0.120.0> chat2@host 2,950") }, "\(table)")
        #expect(rows.contains { $0.contains("old_worker") }, "a series that stopped 3 minutes ago is still within the lookback")
    }

    @Test func queryAtTheSourcePrintsWhatTheLocalQueryPrints() async throws {
        try importLocal()
        let victoria = try await SourceStore.victoriaMetrics(Self.fleet(), directory: directory, expectSeries: Self.fleetSeries)
        defer { victoria.stop() }
        let prometheus = try await SourceStore.prometheus(Self.fleet(), directory: directory)
        defer { prometheus.stop() }
        let at = "\(Self.start + 590)"
        let instants = [
            ["erlang_process_message_queue_len", "--at", at],
            [#"sum by (instance) (erlang_process_message_queue_len)"#, "--at", at],
            // Not [1m]: Prometheus 2 takes in a sample exactly a minute back, Prometheus 3 (and Backlog) do not.
            [#"erlang_process_message_queue_len{name="chat_router"}[55s]"#, "--at", at],
        ]
        // VictoriaMetrics answers scalar() with a vector; Prometheus as Backlog does.
        let scalars = [["scalar(count(up))", "--at", at]]
        let ranges = [[#"erlang_process_message_queue_len{name=~"chat_router|db_writer"}"#, "--start", "\(Self.start + 300)", "--end", at, "--step", "30s"]]
        for arguments in instants + scalars + ranges {
            for format in ["json", "table", "csv"] {
                let local = try CommandRun.backlog(["query"] + arguments + ["--db", db, "--format", format])
                #expect(local.status == 0, "\(local.stderr)")
                let stores = arguments.contains("--start") || scalars.contains(arguments) ? [prometheus] : [victoria, prometheus]
                for store in stores {
                    let remote = try CommandRun.backlog(["query"] + arguments + ["--source", store.url, "--format", format])
                    #expect(remote.status == 0, "\(store.url): \(remote.stderr)")
                    #expect(remote.stdout == local.stdout, "\(store.url): \(arguments) as \(format)")
                }
            }
        }
        for format in ["csv", "json", "table"] {
            let window = ["--until", at, "--since", "5m", "--step", "30s", "--format", format]
            let local = try CommandRun.backlog(["history"] + window + ["--db", db])
            #expect(local.status == 0 && local.stdout.contains("chat_router"), "\(local.stderr)")
            let remote = try CommandRun.backlog(["history"] + window + ["--source", prometheus.url])
            #expect(remote.stdout == local.stdout, "history as \(format)")
            let node = try CommandRun.backlog(["history", "--node", "chat3@host"] + window + ["--source", prometheus.url])
            #expect(node.stdout.contains("db_writer") && !node.stdout.contains("chat_router"), "\(node.stdout)\(node.stderr)")
        }
        // The json is the source's data object: compare with what Prometheus itself answers.
        let own = try SourceStore.curl([
            "\(prometheus.url)/api/v1/query", "--data-urlencode", "query=erlang_process_message_queue_len", "--data-urlencode", "time=\(at)",
        ])
        let printed = try CommandRun.backlog(["query", "erlang_process_message_queue_len", "--at", at, "--source", prometheus.url, "--format", "json"])
        #expect(own == #"{"status":"success","data":"# + printed.stdout.dropLast() + "}")
    }

    @Test func theSourceRejectingAQueryShowsItsMessage() async throws {
        let prometheus = try await SourceStore.prometheus(Self.fleet(), directory: directory)
        defer { prometheus.stop() }
        let run = try CommandRun.backlog(["query", "sum(", "--source", prometheus.url])
        #expect(run.status != 0)
        #expect(run.stderr.contains("source \(prometheus.url): the source rejected the query (bad_data)"), "\(run.stderr)")
        #expect(run.stderr.contains("unclosed left parenthesis"), "\(run.stderr)")
    }

    @Test func unreachableOrWrongSourcesSayWhichAndWhy() async throws {
        let refused = "http://127.0.0.1:\(LoopbackPort.unused())"
        let down = try CommandRun.backlog(["top", "--source", refused])
        #expect(down.status != 0)
        #expect(down.stderr.contains("source \(refused): connection refused"), "\(down.stderr)")

        let token = "\(directory)/token"
        try "s3cret-token-value\n".write(toFile: token, atomically: true, encoding: .utf8)
        let html = LoopbackBehavior.respond(
            status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array("<!DOCTYPE html><html><body>Grafana</body></html>".utf8))
        try await withLoopbackServers([html, .status(401, "Unauthorized"), .status(404, "404 page not found")]) { servers in
            let web = "http://127.0.0.1:\(servers[0].port)"
            let page = try CommandRun.backlog(["query", "up", "--source", web])
            #expect(page.status != 0)
            #expect(page.stderr.contains("source \(web): answered 200 with an HTML page, not the Prometheus API's JSON"), "\(page.stderr)")

            let guarded = "http://127.0.0.1:\(servers[1].port)"
            let denied = try CommandRun.backlog(["top", "--source", guarded, "--bearer-token-file", token])
            #expect(denied.status != 0)
            #expect(denied.stderr.contains("source \(guarded): answered 401 Unauthorized — check the credentials"), "\(denied.stderr)")
            #expect(!denied.stderr.contains("s3cret"), "the token never shows")
            #expect(servers[1].requests.first?.headers.contains { $0.0.lowercased() == "authorization" && $0.1 == "Bearer s3cret-token-value" } == true)

            let missing = "http://127.0.0.1:\(servers[2].port)"
            let notFound = try CommandRun.backlog(["query", "up", "--source", missing])
            #expect(notFound.status != 0)
            #expect(notFound.stderr.contains("source \(missing): has no /api/v1/query (404 Not Found)"), "\(notFound.stderr)")
        }
    }
}
