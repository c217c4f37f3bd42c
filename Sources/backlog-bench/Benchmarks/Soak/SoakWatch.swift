import Foundation
import TestSupport

/// Reads one agent about once a second for a soak run: its cycle figures, its firing alerts and
/// its process's memory, as the run goes.
struct SoakWatch {
    let agent: AgentProcess
    let alerts: SoakAlerts
    /// The last cycle's duration, each time a new cycle was seen.
    private(set) var cycleSeconds: [Double] = []
    private(set) var peakResidentBytes = 0.0
    private(set) var lastFigures: [String: Double] = [:]
    private var lastCycles = -1.0

    init(agent: AgentProcess, alerts: SoakAlerts) {
        self.agent = agent
        self.alerts = alerts
    }

    /// Reads everything once; throws when the agent is gone.
    mutating func read() throws -> ProcessUsage {
        guard let pid = agent.processIdentifier, let usage = ProcessUsage.of(pid), let figures = agent.figures() else {
            throw SoakFailure("agent \(agent.name) stopped answering: \(agent.logTail)")
        }
        lastFigures = figures
        let cycles = figures["backlog_cycles_total"] ?? 0
        if cycles != lastCycles, let duration = figures["backlog_cycle_duration_seconds"] {
            cycleSeconds.append(duration)
            lastCycles = cycles
        }
        peakResidentBytes = max(peakResidentBytes, usage.residentBytes)
        if let response = try? LoopbackConnection.get(port: agent.port, path: "/api/v1/alerts", timeout: .seconds(10)), response.status == 200 {
            alerts.recordFiring(response.body)
        }
        return usage
    }

    /// Reads once a second until `seconds` have passed since `start`, calling `checkpoint` at
    /// each of `marks` (seconds from the start) with the usage and `/metrics` figures read then,
    /// and printing progress each minute.
    mutating func run(
        for seconds: Double, from start: ContinuousClock.Instant, marks: [Double] = [], label: String,
        checkpoint: (Double, ProcessUsage, [String: Double]) -> Void = { _, _, _ in }
    ) throws {
        var pending = marks.sorted()
        var nextProgress = 60.0
        while true {
            let elapsed = (ContinuousClock.now - start).seconds
            let usage = try read()
            while let mark = pending.first, elapsed >= mark {
                checkpoint(mark, usage, lastFigures)
                pending.removeFirst()
            }
            if elapsed >= nextProgress {
                SoakBenchmark.progress(
                    "\(label): \(Int(elapsed / 60)) of \(Int(seconds / 60)) min, rss \(Int(usage.residentBytes / 1_048_576)) MiB, "
                        + "missed ticks \(Int(lastFigures["backlog_missed_ticks_total"] ?? 0)), alerts fired \(alerts.firedCount)")
                nextProgress += 60
            }
            if elapsed >= seconds { return }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    /// The 99th percentile of the cycle durations seen.
    var cycleP99: Double {
        let sorted = cycleSeconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Why a soak run stopped early.
struct SoakFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
