import Fleet
import Foundation
import Glibc
import TestSupport

/// `soak`, run only when named (`backlog-bench soak`): the agent at the size it is meant for, for
/// an hour. Real processes throughout: `backlog fleet` with 1,000 nodes of the default scenario,
/// one `backlog agent` polling them every second with the shipped rules, and a loopback webhook.
///
/// Then a churn run: a fresh agent polls the same fleet (less the node the scenario takes down
/// every three minutes) beside one `backlog fleet --scenario churn` node whose 50,000 process
/// series all get new pids every second, for ten minutes.
///
/// `BACKLOG_SOAK_MINUTES` and `BACKLOG_SOAK_CHURN_MINUTES` shorten the two runs for a try-out; the
/// memory figures are named after the minute they were read at.
enum SoakBenchmark {
    static let nodes = 1000

    static func run() -> [BenchmarkResult] {
        withScratchDirectory("soak") { run(in: $0) }
    }

    static func run(in directory: String) -> [BenchmarkResult] {
        let alerts = SoakAlerts()
        let hook = DetectionBenchmark.blocking {
            try await LoopbackHTTPServer.start { request in
                alerts.recordDelivery(request.body)
                return .status(200)
            }
        }
        defer { DetectionBenchmark.blocking { await hook.shutdown() } }
        var results: [BenchmarkResult] = []
        do {
            progress("starting \(nodes) simulated nodes")
            let fleet = try FleetProcess.start(nodes: nodes, scenario: "default")
            defer { fleet.stop() }
            let setup = SoakSetup(directory: directory, fleet: fleet.addresses, webhook: hook.url(path: "/hook"))
            results += try steady(setup, alerts: alerts)
            results += try churn(setup)
        } catch {
            progress("failed: \(error)")
        }
        return results
    }

    /// The hour with the shipped rules: missed ticks, memory as the run goes, history bytes per
    /// sample, cycle time, and alerts fired against alerts delivered.
    static func steady(_ setup: SoakSetup, alerts: SoakAlerts) throws -> [BenchmarkResult] {
        let seconds = minutes("BACKLOG_SOAK_MINUTES", default: 60) * 60
        let agent = try setup.agent(name: "soak")
        defer { agent.stop() }
        progress("one agent, shipped rules, a webhook: \(Int(seconds / 60)) min")
        var watch = SoakWatch(agent: agent, alerts: alerts)
        var resident: [(minute: String, bytes: Double)] = []
        var perSeries: [Double] = []
        var perSample: [Double] = []
        try watch.run(for: seconds, from: .now, marks: [seconds / 4, seconds / 2, seconds], label: "steady") { mark, usage, figures in
            let minute = mark / 60
            resident.append((minute == minute.rounded() ? "\(Int(minute))" : "\(minute)", usage.residentBytes))
            let live = figures["backlog_series_live"] ?? 0
            perSeries.append(live > 0 ? usage.residentBytes / live : 0)
            let stored = figures["backlog_samples_stored_total"] ?? 0
            perSample.append(stored > 0 ? setup.historyBytes(name: "soak") / stored : 0)
        }
        // Whatever fired in the last seconds gets its group's time to be delivered.
        let drainDeadline = ContinuousClock.now + .seconds(30)
        while !alerts.undelivered.isEmpty, ContinuousClock.now < drainDeadline {
            Thread.sleep(forTimeInterval: 1)
            _ = try watch.read()
        }
        let figures = watch.lastFigures
        let stored = figures["backlog_samples_stored_total"] ?? 0
        let fileBytes = setup.historyBytes(name: "soak")
        var results = [
            BenchmarkResult(name: "soak_missed_ticks", value: figures["backlog_missed_ticks_total"] ?? -1, unit: "ticks"),
            BenchmarkResult(name: "soak_cycle_p99_ms", value: watch.cycleP99 * 1000, unit: "ms"),
            BenchmarkResult(name: "soak_history_bytes_per_sample", value: stored > 0 ? fileBytes / stored : 0, unit: "bytes"),
        ]
        for (minute, bytes) in resident {
            results.append(BenchmarkResult(name: "soak_rss_mb_\(minute)min", value: bytes / 1_048_576, unit: "MiB"))
        }
        // A quarter of the way (15 minutes of the hour): memory per live series; halfway (30
        // minutes): the file, WAL included, per sample stored.
        if perSeries.count == 3 {
            results.append(BenchmarkResult(name: "agent_rss_bytes_per_series", value: perSeries[0], unit: "bytes"))
            results.append(BenchmarkResult(name: "disk_bytes_per_sample", value: perSample[1], unit: "bytes"))
        }
        if resident.count == 3 {
            let growth = (resident[2].bytes - resident[1].bytes) / resident[1].bytes * 100
            results.append(BenchmarkResult(name: "soak_rss_growth_\(resident[1].minute)_to_\(resident[2].minute)min", value: growth, unit: "%"))
        }
        results += [
            BenchmarkResult(name: "soak_alerts_fired", value: Double(alerts.firedCount), unit: "alerts"),
            BenchmarkResult(name: "soak_alerts_delivered", value: Double(alerts.deliveredCount), unit: "alerts"),
            BenchmarkResult(name: "soak_alerts_fired_not_delivered", value: Double(alerts.undelivered.count), unit: "alerts"),
        ]
        return results
    }

    /// The fleet beside a churning target: every fleet target still polled each second, and the
    /// agent's memory held by its series budget.
    static func churn(_ setup: SoakSetup) throws -> [BenchmarkResult] {
        let seconds = minutes("BACKLOG_SOAK_CHURN_MINUTES", default: 10) * 60
        progress("starting the churning node")
        let churning = try FleetProcess.start(nodes: 1, scenario: "churn")
        defer { churning.stop() }
        // The scenario takes one node down every cycle on purpose; the others must all answer.
        var kept = setup
        if let node = FleetScenario.default.nodeWithOutage, node < kept.fleet.count { kept.fleet.remove(at: node) }
        let agent = try kept.agent(name: "churn", churning: churning.addresses)
        defer { agent.stop() }
        progress("the fleet beside a node with 50,000 new series a second: \(Int(seconds / 60)) min")
        var watch = SoakWatch(agent: agent, alerts: SoakAlerts())
        // The first cycles open a thousand connections; the figures start after them.
        Thread.sleep(forTimeInterval: 10)
        _ = try watch.read()
        let start = ContinuousClock.now
        let first = watch.lastFigures
        try watch.run(for: seconds, from: start, label: "churn")
        let elapsed = (ContinuousClock.now - start).seconds
        let last = watch.lastFigures
        func delta(_ name: String) -> Double { (last[name] ?? 0) - (first[name] ?? 0) }
        let fleetDown = delta("backlog_scrapes_total{result=\"down\"}")
        return [
            BenchmarkResult(name: "soak_churn_missed_ticks", value: delta("backlog_missed_ticks_total"), unit: "ticks"),
            BenchmarkResult(name: "soak_churn_cycles_per_second", value: delta("backlog_cycles_total") / elapsed, unit: "cycles/s"),
            BenchmarkResult(name: "soak_churn_failed_scrapes", value: fleetDown, unit: "scrapes"),
            BenchmarkResult(name: "soak_churn_cycle_p99_ms", value: watch.cycleP99 * 1000, unit: "ms"),
            BenchmarkResult(name: "soak_churn_rss_max_mb", value: watch.peakResidentBytes / 1_048_576, unit: "MiB"),
            BenchmarkResult(name: "soak_churn_series_live", value: last["backlog_series_live"] ?? -1, unit: "series"),
            BenchmarkResult(name: "soak_churn_series_budget", value: last["backlog_series_budget"] ?? -1, unit: "series"),
        ]
    }

    static func minutes(_ variable: String, default value: Double) -> Double {
        ProcessInfo.processInfo.environment[variable].flatMap(Double.init) ?? value
    }

    static func progress(_ line: String) {
        FileHandle.standardError.write(Data("soak: \(line)\n".utf8))
    }
}
