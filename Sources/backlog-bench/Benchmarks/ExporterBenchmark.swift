import Foundation
import Probe
import TestSupport
import TimeSeries

/// The Erlang exporter on real nodes: scan cost per process at 100k and 1M idle processes
/// (the median of the `backlog_exporter_scan_duration_seconds` it reports over several scans),
/// scrape wall time while 1M processes exist (p99, median, max over scrapes every 20 ms that
/// span several scans), the bare `process_info` loop for comparison, and what process types add
/// to the scan of a busy node (its steady-state scan timed with them and without, alternately).
enum ExporterBenchmark {
    /// Fresh scans measured per node: the median is reported.
    static let scans = 9

    static func run() -> [BenchmarkResult] {
        do {
            let small = try measure(processes: 100_000, scrapeLatency: false, bareLoop: false)
            let large = try measure(processes: 1_000_000, scrapeLatency: true, bareLoop: true)
            // A busy node: of its million processes, 100,000 hold a message and 20,000 more are
            // proc_lib processes (gen_servers and friends) holding one, whose types the scan
            // resolves from their dictionaries. Scanned with process types and without them,
            // alternately on the one node, so both see the same machine.
            let busy = ["backlog_test_control:sessions(100000, 1)", "backlog_test_control:proc_lib_sessions(20000, 1)"]
            let typed = try measure(processes: 880_000, extraSetup: busy, scrapeLatency: false, bareLoop: false, typeCost: true)
            return [
                BenchmarkResult(name: "exporter_scan_ns_per_process_1m_busy", value: typed.typedNanosPerProcess, unit: "ns"),
                BenchmarkResult(name: "exporter_scan_ns_per_process_1m_busy_without_types", value: typed.untypedNanosPerProcess, unit: "ns"),
                BenchmarkResult(name: "exporter_process_types_cost_pct_1m_busy", value: typed.typesCostPercent, unit: "%"),
                BenchmarkResult(name: "exporter_scan_ns_per_process_100k", value: small.scanNanosPerProcess, unit: "ns"),
                BenchmarkResult(name: "exporter_scan_ns_per_process_1m", value: large.scanNanosPerProcess, unit: "ns"),
                BenchmarkResult(name: "exporter_scrape_ms_1m", value: large.scrapeP99Millis, unit: "ms"),
                BenchmarkResult(name: "exporter_scrape_median_ms_1m", value: large.scrapeMedianMillis, unit: "ms"),
                BenchmarkResult(name: "exporter_scrape_max_ms_1m", value: large.scrapeMaxMillis, unit: "ms"),
                BenchmarkResult(name: "exporter_bare_loop_ns_per_process_1m", value: large.bareNanosPerProcess, unit: "ns"),
            ]
        } catch {
            FileHandle.standardError.write(Data("exporter benchmark: \(error)\n".utf8))
            return [BenchmarkResult(name: "exporter_scan_ns_per_process_1m", value: 0, unit: "error_node_failed")]
        }
    }

    private struct Figures {
        var scanNanosPerProcess = 0.0
        var scrapeP99Millis = 0.0
        var scrapeMedianMillis = 0.0
        var scrapeMaxMillis = 0.0
        var bareNanosPerProcess = 0.0
        var typedNanosPerProcess = 0.0
        var untypedNanosPerProcess = 0.0
        var typesCostPercent = 0.0
    }

    private static func measure(
        processes: Int, extraSetup: [String] = [], scrapeLatency: Bool, bareLoop: Bool, typeCost: Bool = false
    ) throws -> Figures {
        let node = try ErlangNode(ErlangNode.Configuration(
            processLimit: processes + 250_000,
            setup: ["backlog_test_control:spawn_idle(\(processes))"] + extraSetup,
            exporterOptions: ["scan_interval_ms => 1000"],
            startTimeout: .seconds(120)))
        defer { node.stop() }
        // The agent's own transport: one kept-alive connection, as a poller uses it.
        let transport = CurlTransport()
        let request = HTTPRequestSpec(url: node.metricsURL, timeout: .seconds(5))
        var perProcess: [Double] = []
        var seen: Set<Double> = []
        var scrapeMillis: [Double] = []
        // Scrape every 20 ms until enough fresh scans were seen; each scrape is timed.
        while perProcess.count < scans {
            let start = MonotonicClock.nanoseconds()
            let response = try transport.perform([request])[0].get()
            scrapeMillis.append(Double(MonotonicClock.nanoseconds() - start) / 1e6)
            let values = try gauges(response.body)
            if let stamp = values[ExporterMetric.scanTimestamp], !seen.contains(stamp),
               let seconds = values[ExporterMetric.scanDuration], let count = values[ExporterMetric.processCount] {
                // The scan that was cached when the node came up ran while processes were spawned.
                if !seen.isEmpty { perProcess.append(seconds * 1e9 / count) }
                seen.insert(stamp)
            }
            usleep(20_000)
        }
        var figures = Figures(scanNanosPerProcess: median(perProcess))
        if scrapeLatency {
            scrapeMillis.sort()
            figures.scrapeP99Millis = scrapeMillis[min(scrapeMillis.count - 1, Int(Double(scrapeMillis.count) * 0.99))]
            figures.scrapeMedianMillis = median(scrapeMillis)
            figures.scrapeMaxMillis = scrapeMillis.last ?? 0
        }
        if bareLoop || typeCost { try node.eval("backlog_exporter:stop()") }
        if typeCost {
            let count = try Double(node.eval("erlang:system_info(process_count)")) ?? 1
            let expression = "backlog_test_control:scan_cost_us(#{top_types => 0}, \(scans * 2 + 1))"
            let answer = try node.eval(expression, timeout: .seconds(300))
            let values = answer.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).split(separator: ",").compactMap { Double($0) }
            guard values.count == 3 else { throw ErlangNodeError.evalFailed(expression: expression, reason: answer) }
            figures.typedNanosPerProcess = values[0] * 1000 / count
            figures.untypedNanosPerProcess = values[1] * 1000 / count
            figures.typesCostPercent = values[2]
        }
        if bareLoop {
            let micros = try (0..<scans).map { _ in try Double(node.eval("backlog_test_control:bare_loop_us()")) ?? 0 }
            figures.bareNanosPerProcess = median(micros) * 1000 / Double(processes)
        }
        return figures
    }

    /// Unlabelled samples of an exposition, by metric name (the exporter's own gauges).
    private static func gauges(_ body: [UInt8]) throws -> [String: Double] {
        let exposition = try ParsedExposition.parse(body, format: .prometheusText)
        var values: [String: Double] = [:]
        for sample in exposition.samples where sample.labels.count == 1 { values[sample.labels.name] = sample.value }
        return values
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
