import Foundation
import Probe
import TimeSeries

/// `scrape_samples_per_cpu_s`: one poller against 1,000 simulated nodes × 200 series in a
/// separate `backlog fleet` process, polling every second for 30 s.
enum PollerBenchmark {
    static let nodes = 1000
    static let basePort = 19_100
    static let seconds = 30

    static func run() -> [BenchmarkResult] {
        let fleet: Process
        switch startFleet() {
        case .success(let started): fleet = started
        case .failure(let failure):
            return [BenchmarkResult(name: "scrape_samples_per_cpu_s", value: 0, unit: failure.unit)]
        }
        defer {
            fleet.terminate()
            fleet.waitUntilExit()
        }
        let targets = (0..<nodes).map { ScrapeTarget(commandLineURL: "127.0.0.1:\(basePort + $0)", job: "load") }
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

    /// Why the fleet the benchmark needs is not there.
    enum FleetFailure: Error {
        /// Something already answers on the fleet's ports: measuring against it would measure
        /// somebody else's fleet, in a process whose load we do not know.
        case portsTaken
        case didNotStart

        var unit: String {
            switch self {
            case .portsTaken: "error_ports_\(basePort)_to_\(basePort + nodes - 1)_in_use"
            case .didNotStart: "error_fleet_did_not_start"
            }
        }
    }

    /// Starts `backlog fleet` from the same build folder and waits until its last port answers.
    static func startFleet() -> Result<Process, FleetFailure> {
        let probe = Scraper()
        let first = [ScrapeTarget(commandLineURL: "127.0.0.1:\(basePort)")]
        let last = [ScrapeTarget(commandLineURL: "127.0.0.1:\(basePort + nodes - 1)")]
        func answers(_ target: [ScrapeTarget]) -> Bool {
            probe.fetch(target, timeout: .millis(500)).first.map { if case .success = $0 { true } else { false } } == true
        }
        if answers(first) || answers(last) { return .failure(.portsTaken) }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backlog")
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "fleet", "--scenario", "load", "--nodes", "\(nodes)", "--base-port", "\(basePort)",
        ]
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { return .failure(.didNotStart) }
        // A fleet that cannot bind exits; waiting on its process, not only on the port, keeps a
        // stranger that took the port meanwhile from passing for it.
        for _ in 0..<100 where process.isRunning {
            if answers(last) { return process.isRunning ? .success(process) : .failure(.portsTaken) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return .failure(.didNotStart)
    }
}
