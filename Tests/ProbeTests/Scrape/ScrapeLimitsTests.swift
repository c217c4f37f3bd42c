import Probe
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// `sample_limit`, the label limits and `target_limit` against real loopback targets: a scrape
/// over a limit fails whole, with the limit named, and yields none of its samples.
@Suite struct ScrapeLimitsTests {
    let now = Timestamp(milliseconds: 1_700_000_000_000)

    /// `count` queue series, `q{pid="<0.N.0>"} N`.
    static func body(_ count: Int, first: Int = 1) -> String {
        (first..<(first + count)).map { "q{pid=\"<0.\($0).0>\"} \($0)\n" }.joined()
    }

    func target(_ server: LoopbackHTTPServer, job: String = "chat", _ change: (inout ScrapeLimits) -> Void = { _ in }) -> ScrapeTarget {
        var target = ScrapeTarget(commandLineURL: "127.0.0.1:\(server.port)", job: job)
        change(&target.limits)
        return target
    }

    func scrape(_ scraper: Scraper, _ targets: [ScrapeTarget], second: Int64 = 0) async -> [TargetScrape] {
        let at = Timestamp(milliseconds: now.milliseconds + second * 1000)
        return await BlockingWork.run { scraper.scrape(targets, timeout: .seconds(5), at: at) }
    }

    /// The samples the target exported, without `up`, `scrape_*` and staleness markers.
    func scraped(_ scrape: TargetScrape) -> [Sample] {
        scrape.samples.filter { !$0.isStaleMarker && !$0.labels.name.hasPrefix("scrape_") && $0.labels.name != "up" }
    }

    func synthesized(_ scrape: TargetScrape, _ name: String) -> Double? {
        scrape.samples.first { $0.labels.name == name }?.value
    }

    /// Serves the scripted answers in turn, repeating the last one.
    func server(_ answers: [String]) async throws -> LoopbackHTTPServer {
        let served = Mutex(0)
        return try await LoopbackHTTPServer.start { _ in
            served.withLock { count in
                defer { count += 1 }
                return .ok(answers[min(count, answers.count - 1)])
            }
        }
    }

    @Test func aScrapeOverSampleLimitFailsWholeAndTheOthersAreUnaffected() async throws {
        try await withLoopbackServers([.ok(Self.body(5)), .ok(Self.body(4)), .ok(Self.body(5))]) { servers in
            let results = await scrape(Scraper(), [
                target(servers[0]) { $0.sampleLimit = 4 },
                target(servers[1], job: "exact") { $0.sampleLimit = 4 },
                target(servers[2], job: "other"),
            ])
            let over = results[0]
            #expect(!over.isUp)
            #expect(over.error?.kind == .limitExceeded(.sample))
            #expect(over.error?.reason == "sample_limit exceeded: 5 samples, limit 4")
            #expect(over.error?.description == "\(over.target.url): sample_limit exceeded: 5 samples, limit 4")
            #expect(scraped(over).isEmpty, "nothing of the scrape is kept")
            #expect(synthesized(over, "up") == 0)
            #expect(synthesized(over, "scrape_samples_scraped") == 5, "the count, as Prometheus reports it")
            #expect(synthesized(over, "scrape_series_added") == 0)
            #expect(over.scrapedSampleCount == 5)

            #expect(results[1].isUp, "exactly the limit is within it")
            #expect(scraped(results[1]).count == 4)
            #expect(results[2].isUp && scraped(results[2]).count == 5, "another target is not affected")
        }
    }

    @Test func theSamplesPastTheLimitAreCountedNotRead() async throws {
        // The lines past the limit are counted for the reason; a malformed one among them is not read.
        let body = Self.body(3) + "q{pid=\"<0.9.0>\" 9\n" + Self.body(2, first: 10) + "# EOF\n"
        try await withLoopbackServers([.ok(body, contentType: "application/openmetrics-text; version=1.0.0")]) { servers in
            let result = try #require(await scrape(Scraper(), [target(servers[0]) { $0.sampleLimit = 2 }]).first)
            #expect(result.error?.reason == "sample_limit exceeded: 6 samples, limit 2")
        }
    }

    @Test func aTargetBackUnderSampleLimitIsKeptAgainAndItsSeriesEndedMeanwhile() async throws {
        let server = try await server([Self.body(2), Self.body(5), Self.body(2)])
        defer { Task { await server.shutdown() } }
        let scraper = Scraper()
        let limited = target(server) { $0.sampleLimit = 3 }
        let first = try #require(await scrape(scraper, [limited], second: 0).first)
        #expect(first.isUp && scraped(first).count == 2)
        let over = try #require(await scrape(scraper, [limited], second: 1).first)
        #expect(!over.isUp)
        // As for any failed scrape: the series of the last good one end at once.
        #expect(over.samples.filter(\.isStaleMarker).compactMap { $0.labels["pid"] }.sorted() == ["<0.1.0>", "<0.2.0>"])
        let back = try #require(await scrape(scraper, [limited], second: 2).first)
        #expect(back.isUp)
        #expect(scraped(back).map(\.value) == [1, 2])
    }

    /// One case per label limit: the body, the limit, and the reason naming the label.
    static let labelCases: [(name: String, body: String, limits: ScrapeLimits, reason: String)] = [
        (
            "label_limit", "ok 1\nq{a=\"1\",b=\"2\"} 1\n",
            ScrapeLimits(sampleLimit: 0, labelLimit: 4, labelNameLengthLimit: 0, labelValueLengthLimit: 0, targetLimit: 0),
            "label_limit exceeded: 5 labels on \"q\" (__name__, a, b, instance, job), limit 4"
        ),
        (
            "label_name_length_limit", "ok 1\nq{a_rather_long_name=\"1\"} 1\n",
            ScrapeLimits(sampleLimit: 0, labelLimit: 0, labelNameLengthLimit: 10, labelValueLengthLimit: 0, targetLimit: 0),
            "label_name_length_limit exceeded: label name \"a_rather_long_name\" on \"q\" is 18 bytes, limit 10"
        ),
        (
            "label_value_length_limit", "ok 1\nq{name=\"\(String(repeating: "é", count: 15))\"} 1\n",
            ScrapeLimits(sampleLimit: 0, labelLimit: 0, labelNameLengthLimit: 0, labelValueLengthLimit: 20, targetLimit: 0),
            "label_value_length_limit exceeded: label \"name\" on \"q\" has a value of 30 bytes, limit 20"
        ),
    ]

    @Test(arguments: 0..<3)
    func aSeriesOverALabelLimitFailsTheScrapeNamingTheLabel(_ index: Int) async throws {
        let (name, body, limits, reason) = Self.labelCases[index]
        try await withLoopbackServers([.ok(body), .ok(body)]) { servers in
            var limited = target(servers[0])
            limited.limits = limits
            let results = await scrape(Scraper(), [limited, target(servers[1], job: "other")])
            let over = results[0]
            #expect(!over.isUp, "\(name)")
            #expect(over.error?.kind == .limitExceeded(ScrapeLimit(rawValue: name)!))
            #expect(over.error?.reason == reason)
            #expect(scraped(over).isEmpty, "the series before the offending one is not kept either")
            #expect(synthesized(over, "up") == 0)
            #expect(results[1].isUp && scraped(results[1]).count == 2, "the same body is fine under the default limits")
        }
    }

    @Test func aLabelLimitTightenedLaterAppliesToSeriesAlreadyKnown() async throws {
        let body = "q{name=\"chat_router\"} 1\n"
        try await withLoopbackServers([.ok(body)]) { servers in
            let scraper = Scraper()
            let open = target(servers[0])
            // Read twice, so the second read goes through the cache of known series texts.
            #expect(await scrape(scraper, [open], second: 0).first?.isUp == true)
            #expect(await scrape(scraper, [open], second: 1).first?.isUp == true)
            let tightened = target(servers[0]) { $0.labelValueLengthLimit = 5 }
            let over = try #require(await scrape(scraper, [tightened], second: 2).first)
            #expect(over.error?.reason == "label_value_length_limit exceeded: label \"instance\" on \"q\" has a value of \(open.instance.utf8.count) bytes, limit 5")
            #expect(over.samples.filter(\.isStaleMarker).count == 1, "the known series ends")
            #expect(await scrape(scraper, [open], second: 3).first?.isUp == true, "lifted again, the target is back")
        }
    }

    @Test func aJobOverTargetLimitFailsEveryTargetUnpolled() async throws {
        try await withLoopbackServers([.ok(Self.body(1)), .ok(Self.body(1)), .ok(Self.body(1)), .ok(Self.body(1))]) { servers in
            let scraper = Scraper()
            let big = servers[0..<3].map { target($0, job: "big") { $0.targetLimit = 2 } }
            let small = target(servers[3], job: "small") { $0.targetLimit = 2 }
            let results = await scrape(scraper, big + [small])
            for result in results[0..<3] {
                #expect(!result.isUp)
                #expect(result.error?.kind == .limitExceeded(.target))
                #expect(result.error?.reason == "target_limit exceeded: job \"big\" has 3 targets, limit 2")
                #expect(synthesized(result, "up") == 0)
            }
            #expect(servers[0..<3].allSatisfy { $0.requests.isEmpty }, "a job over its limit is not polled")
            #expect(results[3].isUp && scraped(results[3]).count == 1, "a job within its limit is polled")
            #expect(servers[3].requests.count == 1)
        }
    }

    @Test func aJobThatGrowsOverTargetLimitHasItsSeriesEnded() async throws {
        try await withLoopbackServers([.ok(Self.body(2)), .ok(Self.body(1))]) { servers in
            let scraper = Scraper()
            let first = target(servers[0], job: "grow") { $0.targetLimit = 1 }
            #expect(await scrape(scraper, [first], second: 0).first?.isUp == true)
            let grown = await scrape(scraper, [first, target(servers[1], job: "grow") { $0.targetLimit = 1 }], second: 1)
            #expect(grown.allSatisfy { !$0.isUp })
            #expect(grown[0].samples.filter(\.isStaleMarker).compactMap { $0.labels["pid"] }.sorted() == ["<0.1.0>", "<0.2.0>"])
            #expect(await scrape(scraper, [first], second: 2).first?.isUp == true, "back within the limit")
        }
    }

    @Test func zeroMeansNoLimit() async throws {
        try await withLoopbackServers([.ok(Self.body(60_001))]) { servers in
            let result = try #require(await scrape(Scraper(), [target(servers[0]) { $0 = .none }]).first)
            #expect(result.isUp)
            #expect(result.scrapedSampleCount == 60_001)
        }
    }

    @Test func theDefaultsAreGenerousForTheErlangExporter() {
        #expect(ScrapeLimits.defaults == ScrapeLimits(
            sampleLimit: 50_000, labelLimit: 64, labelNameLengthLimit: 256, labelValueLengthLimit: 4096, targetLimit: 0))
        #expect(ScrapeTarget(commandLineURL: "chat1:9199").limits == .defaults)
    }
}
