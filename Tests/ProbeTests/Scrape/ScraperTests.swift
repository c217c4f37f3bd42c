import Foundation
import Probe
import TestSupport
import Testing
import TimeSeries

/// The scrape layer against real loopback servers: labels, synthesized series, and one bad
/// target never costing the others anything.
@Suite struct ScraperTests {
    static let exposition = """
        # HELP erlang_process_message_queue_len Messages waiting.
        # TYPE erlang_process_message_queue_len gauge
        erlang_process_message_queue_len{pid="<0.1.0>",name="chat_router"} 48210
        erlang_process_message_queue_len{pid="<0.2.0>",name="",job="exported"} 12

        """
    let now = Timestamp(milliseconds: 1_700_000_000_000)

    func target(_ server: LoopbackHTTPServer, job: String = "chat", labels: [String: String] = [:]) -> ScrapeTarget {
        var target = ScrapeTarget(commandLineURL: "127.0.0.1:\(server.port)", job: job)
        for (name, value) in labels { target.labels.set(name, value) }
        return target
    }

    func scrape(_ scraper: Scraper, _ targets: [ScrapeTarget], timeout: PromDuration = .seconds(2)) async -> [TargetScrape] {
        let now = now
        return await BlockingWork.run { scraper.scrape(targets, timeout: timeout, at: now) }
    }

    @Test func addsTargetLabelsTimestampsAndPrometheusSynthesizedSeries() async throws {
        try await withLoopbackServers([.ok(Self.exposition)]) { servers in
            let scraper = Scraper()
            let results = await scrape(scraper, [target(servers[0], labels: ["dc": "ams"])])
            let result = try #require(results.first)
            #expect(result.isUp)
            #expect(result.scrapedSampleCount == 2)
            let router = try #require(result.samples.first { $0.labels["name"] == "chat_router" })
            #expect(router.value == 48210)
            #expect(router.timestamp == now)
            #expect(router.labels["job"] == "chat")
            #expect(router.labels["instance"] == "127.0.0.1:\(servers[0].port)")
            #expect(router.labels["dc"] == "ams")
            let clash = try #require(result.samples.first { $0.labels["pid"] == "<0.2.0>" })
            #expect(clash.labels["exported_job"] == "exported")
            #expect(clash.labels["job"] == "chat")
            let synthesized = Dictionary(uniqueKeysWithValues: result.samples.filter { $0.labels["pid"] == nil }.map { ($0.labels.name, $0) })
            #expect(synthesized["up"]?.value == 1)
            #expect(synthesized["scrape_samples_scraped"]?.value == 2)
            #expect(synthesized["scrape_samples_post_metric_relabeling"]?.value == 2)
            #expect(synthesized["scrape_series_added"]?.value == 2)
            #expect((synthesized["scrape_duration_seconds"]?.value ?? -1) > 0)
            #expect(synthesized["up"]?.labels == Labels(["__name__": "up", "job": "chat", "instance": "127.0.0.1:\(servers[0].port)", "dc": "ams"]))
            let again = await scrape(scraper, [target(servers[0], labels: ["dc": "ams"])])
            let added = again.first?.samples.first { $0.labels.name == "scrape_series_added" }
            #expect(added?.value == 0, "no new series on the second scrape")
        }
    }

    /// Each bad target is polled beside a healthy one that must come through whole.
    static let badTargets: [(name: String, behavior: LoopbackBehavior, expected: String)] = [
        ("never answers", .hang, "timed out"),
        ("drips a byte a second", .drip(body: Array(exposition.utf8), interval: .seconds(1)), "timed out"),
        ("HTTP 500", .status(500, "boom"), "server returned HTTP status 500 Internal Server Error"),
        ("body over the cap", .respondBytes(count: 300_000, status: 200, headers: []), "cap"),
        ("gzip bomb", .gzipBomb(inflatedBytes: 1 << 30), "cap"),
        ("malformed line", .ok("erlang_process_message_queue_len{pid=\"<0.1.0>\" 5\n"), "/metrics:1:48: expected \",\" or \"}\" after label value"),
        ("duplicate label name", .ok("q{pid=\"a\",pid=\"b\"} 1\n"), "duplicate label name \"pid\""),
        ("duplicate series", .ok("q{pid=\"a\"} 1\nq{pid=\"a\"} 2\n"), "/metrics:2:1: duplicate series q{pid=\"a\"}"),
        ("empty OpenMetrics body", .ok("", contentType: "application/openmetrics-text; version=1.0.0"), "EOF"),
    ]

    @Test(arguments: badTargets.indices)
    func oneBadTargetGetsAClearErrorAndTheOthersAreUnaffected(index: Int) async throws {
        let bad = Self.badTargets[index]
        try await withLoopbackServers([.ok(Self.exposition), bad.behavior, .ok(Self.exposition)]) { servers in
            var targets = servers.map { target($0) }
            targets[1].maxBodyBytes = 200_000
            let results = await scrape(Scraper(), targets, timeout: .millis(1500))
            #expect(results[0].isUp && results[2].isUp, "\(bad.name): healthy targets stay up")
            #expect(results[0].scrapedSampleCount == 2 && results[2].scrapedSampleCount == 2)
            let error = try #require(results[1].error, "\(bad.name) must fail")
            #expect(error.description.hasPrefix(targets[1].url), "\(bad.name): the error names the target")
            #expect(error.description.contains(bad.expected), "\(bad.name): \(error.description)")
            #expect(results[1].samples.first { $0.labels.name == "up" }?.value == 0)
            #expect(results[1].samples.count == 5, "only the synthesized series of a failed scrape")
        }
    }

    @Test func invalidUTF8InALabelValueFailsThatTargetOnly() async throws {
        var body = Array("q{name=\"".utf8)
        body += [0xC3, 0x28]
        body += Array("\"} 1\n".utf8)
        try await withLoopbackServers([.respond(status: 200, headers: [], body: body), .ok(Self.exposition)]) { servers in
            let results = await scrape(Scraper(), servers.map { target($0) })
            #expect(results[0].error?.description.contains("UTF-8") == true, "\(String(describing: results[0].error))")
            #expect(results[1].isUp)
        }
    }

    @Test func anEmptyPrometheusTextBodyIsUpWithNoSamples() async throws {
        try await withLoopbackServers([.ok("")]) { servers in
            let result = try #require(await scrape(Scraper(), [target(servers[0])]).first)
            #expect(result.isUp)
            #expect(result.scrapedSampleCount == 0)
        }
    }

    @Test func aTenMegabyteSingleLineIsReadWithinTheCap() async throws {
        let huge = "q{name=\"" + String(repeating: "x", count: 10_000_000) + "\"} 7\n"
        try await withLoopbackServers([.ok(huge), .ok(Self.exposition)]) { servers in
            // The body cap is what is tested: the label value limit, which would refuse this line, is lifted.
            var lifted = target(servers[0])
            lifted.limits.labelValueLengthLimit = 0
            let results = await scrape(Scraper(), [lifted, target(servers[1])], timeout: .seconds(5))
            #expect(results[0].isUp, "\(String(describing: results[0].error))")
            #expect(results[0].samples.first?.labels["name"]?.utf8.count == 10_000_000)
            #expect(results[1].isUp)
        }
    }

    @Test func refusedAndUnresolvableTargetsNameTheURLAndReason() async throws {
        try await withLoopbackServers([.ok(Self.exposition)]) { servers in
            let refused = ScrapeTarget(commandLineURL: "127.0.0.1:\(LoopbackPort.unused())")
            let unresolvable = ScrapeTarget(commandLineURL: "nonexistent.invalid:9199")
            let results = await scrape(Scraper(), [refused, target(servers[0]), unresolvable])
            #expect(results[0].error?.description == "\(refused.url): connection refused — is the exporter running and listening on that port?")
            #expect(results[2].error?.description == "\(unresolvable.url): cannot resolve host \"nonexistent.invalid\"")
            #expect(results[1].isUp)
        }
    }

    @Test func readsTheBearerTokenFileAtScrapeTimeAndNeverPrintsIt() async throws {
        let tokenFile = NSTemporaryDirectory() + "backlog-token-\(UUID().uuidString)"
        try "s3cret-token\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
        try await withLoopbackServers([.ok(Self.exposition)]) { servers in
            var withToken = target(servers[0])
            withToken.credentials = .bearerTokenFile(tokenFile)
            var missing = target(servers[0], job: "other")
            missing.credentials = .bearerTokenEnvironment("BACKLOG_TEST_NO_SUCH_VARIABLE")
            let results = await scrape(Scraper(environment: [:]), [withToken, missing])
            #expect(results[0].isUp)
            #expect(servers[0].requests.first?.header("Authorization") == "Bearer s3cret-token")
            let error = try #require(results[1].error)
            #expect(error.description.contains("BACKLOG_TEST_NO_SUCH_VARIABLE is not set"))
            #expect(!error.description.contains("s3cret"))
        }
    }

    @Test func asksForOpenMetricsAndParsesItWhenServed() async throws {
        let body = "# TYPE q gauge\nq{pid=\"a\"} 3 1700000000.5\n# EOF\n"
        try await withLoopbackServers([.ok(body, contentType: "application/openmetrics-text; version=1.0.0; charset=utf-8")]) { servers in
            let result = try #require(await scrape(Scraper(), [target(servers[0])]).first)
            #expect(result.isUp)
            #expect(result.samples.first?.timestamp == Timestamp(milliseconds: 1_700_000_000_500))
            let accept = servers[0].requests.first?.header("Accept") ?? ""
            #expect(accept.hasPrefix("application/openmetrics-text;version=1.0.0"))
        }
    }
}
