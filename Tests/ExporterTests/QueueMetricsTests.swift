import Foundation
import Probe
import TestSupport
import Testing
import TimeSeries

extension ExporterTests {
    /// One node with 10,000 idle processes and four that never read their queues.
    @Suite struct QueueMetrics {
        static let oddName = "odd \"name\\\n"

        let node: ErlangNode
        let scrape: ExporterScrape

        init() throws {
            node = try ErlangNode(ErlangNode.Configuration(
                shortName: "backlog_queue_\(UInt32.random(in: 0...UInt32.max))",
                setup: [
                    "backlog_test_control:spawn_idle(10000)",
                    "backlog_test_control:flood(flood_a, 50000)",
                    "backlog_test_control:flood(flood_b, 20000)",
                    "backlog_test_control:flood_gen_server(flood_c, 5000)",
                    // A name that needs every escape of the text format.
                    #"backlog_test_control:flood(list_to_atom("odd \"name\\\n"), 1500)"#,
                ],
                exporterOptions: ["scan_interval_ms => 60000"]))
            scrape = try ExporterScrape.fetch(node.metricsURL, with: CurlTransport())
        }

        @Test func theFloodedProcessesAreOnTopWithTheirCountsAndNames() throws {
            let series = scrape.samples(ExporterMetric.processQueue).sorted { $0.value > $1.value }
            try #require(series.count >= 4)
            #expect(series.prefix(4).map(\.value) == [50_000, 20_000, 5_000, 1_500])
            #expect(series.prefix(4).map { $0.labels["name"] } == ["flood_a", "flood_b", "flood_c", Self.oddName])
            let pid = try node.eval("pid_to_list(whereis(flood_a))")
            #expect(series[0].labels["pid"].map { "\"\($0)\"" } == pid)
            #expect(series[0].labels["initial_call"] == "timer:sleep/1")
            #expect(series[0].labels["current_function"] == nil, "where a process is changes: it is on the info series")
            let info = try #require(scrape.samples(ExporterMetric.processInfo).first { $0.labels["pid"] == series[0].labels["pid"] })
            #expect(info.labels["current_function"] == "timer:sleep/1")
            #expect(info.labels["status"] == "waiting")
            #expect(info.value == 1)
            #expect(Set(scrape.samples(ExporterMetric.processInfo).compactMap { $0.labels["pid"] })
                == Set(scrape.samples(ExporterMetric.processQueue).compactMap { $0.labels["pid"] }), "one info series per exported process")
            // A gen_server's initial call is the one proc_lib recorded, not proc_lib's own.
            #expect(series[2].labels["initial_call"] == "pg:init/1")
        }

        @Test func aggregatesAreConsistent() throws {
            let series = scrape.samples(ExporterMetric.processQueue)
            let sum = try #require(scrape.value(ExporterMetric.queueSum))
            #expect(sum >= 76_500)
            #expect(sum >= series.reduce(0) { $0 + $1.value })
            #expect(scrape.value(ExporterMetric.queueMax) == 50_000)

            let buckets = scrape.samples(ExporterMetric.queueBucket)
            #expect(buckets.map { $0.labels["le"] } == ["0", "10", "100", "1000", "10000", "100000", "+Inf"])
            let counts = buckets.map(\.value)
            #expect(counts == counts.sorted(), "cumulative counts never decrease")
            let all = try #require(counts.last)
            #expect(counts[0] >= 10_000)
            #expect(counts[4] == all - 2, "only flood_a and flood_b exceed 10000")
            #expect(counts[3] == all - 4, "flood_c and the odd name exceed 1000 too")
            #expect(counts[5] == all)
            let processes = try #require(scrape.value(ExporterMetric.processCount))
            #expect(abs(all - processes) <= 5, "every process is counted once")
        }

        @Test func vmHealthIsPresentAndPlausible() throws {
            let count = try #require(scrape.value(ExporterMetric.processCount))
            #expect(count >= 10_000)
            #expect(try #require(scrape.value(ExporterMetric.processLimit)) > count)
            #expect(try #require(scrape.value(ExporterMetric.portCount)) > 0)
            #expect(try #require(scrape.value(ExporterMetric.portLimit)) > 0)
            let atoms = try #require(scrape.value(ExporterMetric.atomCount))
            #expect(atoms > 0 && atoms < (scrape.value(ExporterMetric.atomLimit) ?? 0))
            #expect(try #require(scrape.value(ExporterMetric.runQueue)) >= 0)
            for kind in ["processes", "system", "binary", "ets", "atom", "code"] {
                #expect((scrape.value(ExporterMetric.memory, ["kind": kind]) ?? 0) > 0, "memory kind \(kind)")
            }
            let utilization = try #require(scrape.value(ExporterMetric.schedulerUtilization))
            #expect((0...1).contains(utilization))
            #expect(node.nodeName.hasPrefix("backlog_queue_"))
            #expect(node.otpRelease == "25" || Int(node.otpRelease) ?? 0 > 25)
            #expect(scrape.value(ExporterMetric.nodeInfo, ["node": node.nodeName, "otp_release": node.otpRelease]) == 1)
            let duration = try #require(scrape.value(ExporterMetric.scanDuration))
            #expect(duration > 0)
            let scannedAt = try #require(scrape.value(ExporterMetric.scanTimestamp))
            #expect(abs(scannedAt - Date().timeIntervalSince1970) < 60)
        }

        @Test func servesTheTextFormatWithHelpAndType() throws {
            #expect(scrape.response.status == 200)
            #expect(scrape.response.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let families = [
                ExporterMetric.processQueue, ExporterMetric.processInfo, ExporterMetric.queueSum, ExporterMetric.queueMax,
                ExporterMetric.queueBucket, ExporterMetric.processCount, ExporterMetric.processLimit,
                ExporterMetric.portCount, ExporterMetric.portLimit, ExporterMetric.atomCount,
                ExporterMetric.atomLimit, ExporterMetric.runQueue, ExporterMetric.memory,
                ExporterMetric.schedulerUtilization, ExporterMetric.nodeInfo, ExporterMetric.scanDuration,
                ExporterMetric.scanTimestamp, ExporterMetric.processReductionsRate, ExporterMetric.typeQueueSum,
                ExporterMetric.typeQueueMax, ExporterMetric.typeProcesses, ExporterMetric.distQueueBytes,
                ExporterMetric.distBusy, ExporterMetric.distBusyLimit,
            ]
            for name in families {
                let family = scrape.family(name)
                #expect(family?.type == .gauge, "# TYPE \(name) gauge")
                #expect(family?.help?.isEmpty == false, "# HELP \(name)")
            }
            #expect(Set(scrape.samples.map(\.labels.name)).isSubset(of: families), "no metric outside the contract")
        }
    }
}
