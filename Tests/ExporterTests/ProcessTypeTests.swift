import Foundation
import Probe
import TestSupport
import Testing

extension ExporterTests {
    /// Queues summed by process type, on a node where no single process stands out.
    @Suite struct ProcessTypes {
        @Test func tenThousandSessionsOfThreeHundredMessagesShowAsOneType() throws {
            let node = try ErlangNode(ErlangNode.Configuration(
                setup: [
                    "backlog_test_control:sessions(10000, 300)",
                    // A gen_server: its type is the initial call proc_lib recorded.
                    "backlog_test_control:flood_gen_server(flood_c, 5000)",
                ],
                exporterOptions: ["scan_interval_ms => 60000", "top_types => 2"]))
            defer { node.stop() }
            let scrape = try ExporterScrape.fetch(node.metricsURL, with: CurlTransport())

            let session = ["initial_call": "backlog_test_control:session/0"]
            #expect(try #require(scrape.value(ExporterMetric.typeQueueSum, session)) >= 3_000_000)
            #expect(scrape.value(ExporterMetric.typeQueueMax, session) == 300)
            #expect(try #require(scrape.value(ExporterMetric.typeProcesses, session)) >= 10_000)

            let server = ["initial_call": "pg:init/1"]
            #expect(scrape.value(ExporterMetric.typeQueueSum, server) == 5_000)
            #expect(scrape.value(ExporterMetric.typeProcesses, server) == 1)

            let types = scrape.samples(ExporterMetric.typeQueueSum)
            #expect(types.map { $0.labels["initial_call"] } == ["backlog_test_control:session/0", "pg:init/1"],
                    "top_types, largest first")
            // Below the floor, only the top K sessions have series of their own.
            #expect(scrape.samples(ExporterMetric.processQueue).filter { $0.value == 300 }.count < 20)
        }

        @Test func typesSpawnedInTurnAreEachCountedWhole() throws {
            let node = try ErlangNode(ErlangNode.Configuration(
                setup: ["backlog_test_control:mixed_sessions(2000, 3)"],
                exporterOptions: ["scan_interval_ms => 60000"]))
            defer { node.stop() }
            let scrape = try ExporterScrape.fetch(node.metricsURL, with: CurlTransport())

            for initialCall in ["backlog_test_control:session/0", "timer:sleep/1"] {
                let type = ["initial_call": initialCall]
                #expect(scrape.value(ExporterMetric.typeQueueSum, type) == 6_000, "\(initialCall)")
                #expect(scrape.value(ExporterMetric.typeQueueMax, type) == 3, "\(initialCall)")
                #expect(scrape.value(ExporterMetric.typeProcesses, type) == 2_000, "\(initialCall)")
            }
        }
    }
}
