import Foundation
import Probe
import TestSupport
import Testing

extension ExporterTests {
    /// The scan runs on its own timer; scrapes only read what it left.
    @Suite struct ScanCache {
        @Test func scansTwoHundredThousandProcessesWhileScrapesGoOn() throws {
            let node = try ErlangNode(ErlangNode.Configuration(
                processLimit: 400_000,
                setup: ["backlog_test_control:spawn_idle(200000)"],
                exporterOptions: ["scan_interval_ms => 100"]))
            defer { node.stop() }
            let transport = CurlTransport()
            var scrapes = 0
            var scans: Set<Double> = []
            var duration = 0.0
            // Scrapes back to back until several scans have finished among them: every one is
            // answered from a complete scan.
            let sawScans = try waitUntil(pollEvery: 0.01) {
                let scrape = try ExporterScrape.fetch(node.metricsURL, with: transport)
                try #require(scrape.response.status == 200)
                scans.insert(try #require(scrape.value(ExporterMetric.scanTimestamp)))
                duration = try #require(scrape.value(ExporterMetric.scanDuration))
                #expect(try #require(scrape.value(ExporterMetric.processCount)) >= 200_000)
                scrapes += 1
                return scrapes >= 20 && scans.count >= 3
            }
            #expect(sawScans, "scans kept running during the scrapes")
            #expect(duration > 0, "a 200k scan reports its duration")
        }

        @Test func aScrapeNeverTriggersAScan() throws {
            let node = try ErlangNode(ErlangNode.Configuration(exporterOptions: ["scan_interval_ms => 60000"]))
            defer { node.stop() }
            let transport = CurlTransport()
            let stamps = try (0..<5).map { _ in
                try ExporterScrape.fetch(node.metricsURL, with: transport).value(ExporterMetric.scanTimestamp)
            }
            #expect(Set(stamps).count == 1)
        }
    }
}
