import Foundation
import Probe
import TimeSeries

/// `scrape_samples_per_cpu_s`: one poller against 1,000 simulated nodes × 200 series in a
/// separate `backlog fleet` process, polling every second for 30 s.
enum PollerBenchmark {
    static let nodes = 1000
    static let seconds = 30

    static func run() -> [BenchmarkResult] {
        let fleet: FleetProcess
        do { fleet = try FleetProcess.start(nodes: nodes, scenario: "load") } catch {
            FileHandle.standardError.write(Data("scrape_samples_per_cpu_s: \(error)\n".utf8))
            return [BenchmarkResult(name: "scrape_samples_per_cpu_s", value: 0, unit: "error_fleet_did_not_start")]
        }
        defer { fleet.stop() }
        let targets = fleet.addresses.map { ScrapeTarget(commandLineURL: $0, job: "load") }
        let scraper = Scraper()
        // A first cycle opens every connection; the measured cycles then reuse them, as an agent does.
        _ = scraper.scrape(targets, timeout: .millis(900), at: Timestamp.now())
        var schedule = CycleSchedule(interval: .seconds(1))
        var durations: [Double] = []
        var samples = 0
        var failures = 0
        /// The slowest scrape of each cycle: how long the cycle kept the rule evaluation waiting.
        var slowestPerCycle: [Double] = []
        let cpuStart = MonotonicClock.processCPUNanoseconds()
        for _ in 0..<seconds {
            let tick = schedule.nextTick(now: Timestamp.now())
            let wait = Double((tick - Timestamp.now()).milliseconds) / 1000
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            let cycle = scraper.scrape(targets, timeout: .millis(900), at: tick)
            slowestPerCycle.append(cycle.map(\.duration).max() ?? 0)
            for scrape in cycle {
                samples += scrape.scrapedSampleCount
                durations.append(scrape.duration)
                if !scrape.isUp { failures += 1 }
            }
        }
        let cpuSeconds = Double(MonotonicClock.processCPUNanoseconds() - cpuStart) / 1e9
        durations.sort()
        slowestPerCycle.sort()
        let medianSlowest = slowestPerCycle.isEmpty ? 0 : slowestPerCycle[slowestPerCycle.count / 2]
        let p99 = durations.isEmpty ? 0 : durations[min(durations.count - 1, Int(Double(durations.count) * 0.99))]
        return [
            BenchmarkResult(name: "scrape_samples_per_cpu_s", value: Double(samples) / cpuSeconds, unit: "samples/cpu_s"),
            BenchmarkResult(name: "scrape_cpu_s_per_million_samples", value: cpuSeconds / (Double(samples) / 1e6), unit: "cpu_s"),
            BenchmarkResult(name: "scrape_duration_p99_ms", value: p99 * 1000, unit: "ms"),
            BenchmarkResult(name: "scrape_cycle_slowest_p50_ms", value: medianSlowest * 1000, unit: "ms"),
            BenchmarkResult(name: "scrape_failed_scrapes", value: Double(failures), unit: "scrapes"),
        ]
    }
}
