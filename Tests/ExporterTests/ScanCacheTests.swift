import Foundation
import Probe
import TestSupport
import Testing

extension ExporterTests {
    /// The scan runs on its own timer; scrapes only read what it left.
    @Suite struct ScanCache {
        @Test func scansTwoHundredThousandProcessesWhileScrapesStayFast() throws {
            let node = try ErlangNode(ErlangNode.Configuration(
                processLimit: 400_000,
                setup: ["backlog_test_control:spawn_idle(200000)"],
                exporterOptions: ["scan_interval_ms => 100"]))
            defer { node.stop() }
            let transport = CurlTransport()
            var latencies: [Double] = []
            var scans: Set<Double> = []
            var duration = 0.0
            for _ in 0..<80 {
                let scrape = try ExporterScrape.fetch(node.metricsURL, with: transport)
                latencies.append(scrape.seconds)
                try #require(scrape.response.status == 200)
                scans.insert(try #require(scrape.value(ExporterMetric.scanTimestamp)))
                duration = try #require(scrape.value(ExporterMetric.scanDuration))
                #expect(try #require(scrape.value(ExporterMetric.processCount)) >= 200_000)
                usleep(10_000)
            }
            #expect(duration > 0 && duration < 2, "a 200k scan reports its duration: \(duration) s")
            #expect(scans.count >= 3, "scans kept running during the scrape loop")
            let slowest = latencies.max() ?? 0
            #expect(slowest < 0.1, "slowest scrape \(Int(slowest * 1000)) ms")
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
