import Probe
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// Staleness markers, as Prometheus writes them: a series missing from a successful scrape, or
/// every series of a target whose scrape failed, ends at once instead of lingering for the lookback.
@Suite struct StalenessMarkerTests {
    let now = Timestamp(milliseconds: 1_700_000_000_000)

    /// Serves the scripted answers in turn, repeating the last one.
    func server(_ answers: [LoopbackBehavior]) async throws -> LoopbackHTTPServer {
        let served = Mutex(0)
        return try await LoopbackHTTPServer.start { _ in
            served.withLock { count in
                defer { count += 1 }
                return answers[min(count, answers.count - 1)]
            }
        }
    }

    func scrape(_ scraper: Scraper, _ target: ScrapeTarget, second: Int64) async -> TargetScrape? {
        let at = Timestamp(milliseconds: now.milliseconds + second * 1000)
        return await BlockingWork.run { scraper.scrape([target], timeout: .seconds(2), at: at) }.first
    }

    func markers(_ scrape: TargetScrape?) -> [String] {
        (scrape?.samples ?? []).filter(\.isStaleMarker).map { $0.labels["pid"] ?? $0.labels.name }.sorted()
    }

    static func body(_ pids: [String]) -> LoopbackBehavior {
        .ok(pids.map { "erlang_process_message_queue_len{pid=\"\($0)\"} 12000\n" }.joined() + "erlang_vm_process_count 400\n")
    }

    @Test func aSeriesMissingFromASuccessfulScrapeIsMarkedStaleOnce() async throws {
        let server = try await server([Self.body(["<0.1.0>", "<0.2.0>"]), Self.body(["<0.1.0>"]), Self.body(["<0.1.0>"])])
        defer { Task { await server.shutdown() } }
        let scraper = Scraper()
        let target = ScrapeTarget(commandLineURL: "127.0.0.1:\(server.port)", job: "chat")
        let first = await scrape(scraper, target, second: 0)
        #expect(markers(first).isEmpty)
        let second = await scrape(scraper, target, second: 1)
        #expect(markers(second) == ["<0.2.0>"])
        let marker = try #require(second?.samples.first { $0.isStaleMarker })
        #expect(marker.labels["job"] == "chat" && marker.labels["instance"] == target.instance, "labelled as the series was")
        #expect(marker.timestamp == Timestamp(milliseconds: now.milliseconds + 1000))
        #expect(markers(await scrape(scraper, target, second: 2)).isEmpty, "marked once, not every scrape")
        // Markers are not samples the target exported.
        #expect(second?.scrapedSampleCount == 2)
    }

    @Test func everySeriesOfAFailedScrapeIsMarkedStaleAndComesBackAfter() async throws {
        let server = try await server([Self.body(["<0.1.0>"]), .status(500), .status(500), Self.body(["<0.1.0>"])])
        defer { Task { await server.shutdown() } }
        let scraper = Scraper()
        let target = ScrapeTarget(commandLineURL: "127.0.0.1:\(server.port)", job: "chat")
        _ = await scrape(scraper, target, second: 0)
        let failed = await scrape(scraper, target, second: 1)
        #expect(failed?.isUp == false)
        #expect(markers(failed) == ["<0.1.0>", "erlang_vm_process_count"])
        #expect(markers(await scrape(scraper, target, second: 2)).isEmpty, "a second failure has nothing left to end")
        let back = await scrape(scraper, target, second: 3)
        #expect(back?.isUp == true)
        #expect(markers(back).isEmpty)
        #expect(back?.samples.contains { $0.labels["pid"] == "<0.1.0>" && $0.value == 12000 } == true)
    }

    @Test func aTargetNoLongerPolledHasItsSeriesMarkedStaleOnce() async throws {
        let kept = try await server([Self.body(["<0.1.0>"])])
        let removed = try await server([Self.body(["<0.7.0>", "<0.8.0>"])])
        defer { Task { await kept.shutdown(); await removed.shutdown() } }
        let scraper = Scraper()
        let keptTarget = ScrapeTarget(commandLineURL: "127.0.0.1:\(kept.port)", job: "chat")
        let removedTarget = ScrapeTarget(commandLineURL: "127.0.0.1:\(removed.port)", job: "chat")
        let at = Timestamp(milliseconds: now.milliseconds + 1000)
        _ = await BlockingWork.run { scraper.scrape([keptTarget, removedTarget], timeout: .seconds(2), at: self.now) }
        #expect(scraper.retireTargets(otherThan: [keptTarget, removedTarget], at: at).isEmpty, "nothing retired while both are polled")

        let retired = scraper.retireTargets(otherThan: [keptTarget], at: at)
        #expect(retired.allSatisfy(\.isStaleMarker) && retired.allSatisfy { $0.timestamp == at })
        #expect(retired.map { $0.labels["pid"] ?? $0.labels.name }.sorted() == ["<0.7.0>", "<0.8.0>", "erlang_vm_process_count"])
        #expect(retired.allSatisfy { $0.labels["instance"] == removedTarget.instance }, "labelled as its series were")
        #expect(scraper.retireTargets(otherThan: [keptTarget], at: at).isEmpty, "marked once")
        // The kept target carries on without markers of its own.
        let next = await BlockingWork.run { scraper.scrape([keptTarget], timeout: .seconds(2), at: at) }.first
        #expect(markers(next).isEmpty)
    }

    @Test func seriesWithTheirOwnTimestampsAreNeverMarked() async throws {
        let server = try await server([.ok("imported_total 5 1699999999000\nlive 1\n"), .ok("live 1\n")])
        defer { Task { await server.shutdown() } }
        let scraper = Scraper()
        let target = ScrapeTarget(commandLineURL: "127.0.0.1:\(server.port)", job: "chat")
        _ = await scrape(scraper, target, second: 0)
        #expect(markers(await scrape(scraper, target, second: 1)).isEmpty)
    }

    @Test func theMarkerIsTheNaNPrometheusWrites() {
        #expect(Sample.staleMarker.bitPattern == 0x7FF0_0000_0000_0002)
        #expect(Sample.isStaleMarker(Sample.staleMarker))
        #expect(!Sample.isStaleMarker(.nan))
    }
}
