import Probe
import TestSupport
import Testing
import TimeSeries

/// The scraper's per-target series cache seen from outside: later scrapes label and count as
/// the first one does, and a change of target labels starts the target afresh.
@Suite struct ScraperSeriesCacheTests {
    let now = Timestamp(milliseconds: 1_700_000_000_000)

    func scrape(_ scraper: Scraper, _ targets: [ScrapeTarget]) async -> [TargetScrape] {
        let now = now
        return await BlockingWork.run { scraper.scrape(targets, timeout: .seconds(2), at: now) }
    }

    func target(_ server: LoopbackHTTPServer, dc: String) -> ScrapeTarget {
        var target = ScrapeTarget(commandLineURL: "127.0.0.1:\(server.port)", job: "chat")
        target.labels.set("dc", dc)
        return target
    }

    func added(_ scrape: TargetScrape?) -> Double? {
        scrape?.samples.first { $0.labels.name == SynthesizedSeries.seriesAddedName }?.value
    }

    @Test func targetLabelChangesRelabelEverySeries() async throws {
        try await withLoopbackServers([.ok(ScraperTests.exposition)]) { servers in
            let scraper = Scraper()
            let first = await scrape(scraper, [target(servers[0], dc: "ams")]).first
            let again = await scrape(scraper, [target(servers[0], dc: "ams")]).first
            #expect(again?.samples.map(\.labels) == first?.samples.map(\.labels))
            #expect(added(first) == 2 && added(again) == 0)
            let moved = try #require(await scrape(scraper, [target(servers[0], dc: "fra")]).first)
            #expect(moved.scrapedSampleCount == 2)
            #expect(moved.samples.allSatisfy { $0.labels["dc"] == "fra" })
            #expect(added(moved) == 2, "new target labels make every series new")
        }
    }

    @Test func aDuplicateSeriesFailsEveryScrapeNotJustTheFirst() async throws {
        let body = "q{pid=\"a\"} 1\nq{pid=\"b\"} 2\nq{pid=\"a\"} 3\n"
        try await withLoopbackServers([.ok(body)]) { servers in
            let scraper = Scraper()
            for _ in 0..<2 {
                let result = try #require(await scrape(scraper, [target(servers[0], dc: "ams")]).first)
                #expect(result.error?.description.hasSuffix(":3:1: duplicate series q{pid=\"a\"}") == true, "\(String(describing: result.error))")
            }
        }
    }
}
