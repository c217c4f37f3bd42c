import Foundation
import Probe
import TestSupport
import Testing

extension ExporterTests {
    @Suite struct HotReload {
        /// `l(backlog_exporter)` twice in a row purges the version that was running before the
        /// first load: every long-lived process must have moved on by then.
        @Test func reloadingTwiceWhileScrapingLosesNoScrape() throws {
            let node = try ErlangNode(ErlangNode.Configuration(
                setup: ["backlog_test_control:spawn_idle(2000)"],
                exporterOptions: ["scan_interval_ms => 50"]))
            defer { node.stop() }
            let supervisor = try node.eval("whereis(backlog_exporter)")
            let scraper = BackgroundScraper(port: node.exporterPort, url: node.metricsURL)
            // Scrapes before, between and after the reloads, so each reload lands among them.
            #expect(scraper.waitForMoreScrapes(5))
            for _ in 0..<3 {
                #expect(try node.eval("l(backlog_exporter)") == "{module,backlog_exporter}")
                #expect(try node.eval("l(backlog_exporter)") == "{module,backlog_exporter}")
                #expect(scraper.waitForMoreScrapes(5))
            }
            #expect(try node.eval("code:load_file(backlog_exporter)") == "{error,not_purged}")
            #expect(scraper.waitForMoreScrapes(5))
            let outcome = scraper.stop()
            #expect(outcome.failures.isEmpty, "failed scrapes: \(outcome.failures.prefix(5))")
            #expect(outcome.succeeded >= 25)
            #expect(try node.eval("whereis(backlog_exporter)") == supervisor)

            // The scanner still scans (it survived, or was restarted).
            let transport = CurlTransport()
            let before = try #require(try ExporterScrape.fetch(node.metricsURL, with: transport).value(ExporterMetric.scanTimestamp))
            #expect(try waitUntil { (try ExporterScrape.fetch(node.metricsURL, with: transport).value(ExporterMetric.scanTimestamp) ?? 0) > before })
        }
    }
}
