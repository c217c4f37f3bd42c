extension FleetSimulation {
    /// The VM-wide gauges: plausible magnitudes for a chat node, the scripted run-queue surge, and
    /// process memory that follows the messages queued.
    func vmGauges(node: Int, second: Int, queueSum: Int) -> VMGauges {
        let processes = roster.count
        let surge = script.surge?.extraRunQueue(node: node, atCycleSecond: script.cycleSecond(second)) ?? 0
        let atomCount = 21_000 + noise.value(in: 0...4000, .atoms, node) + Swift.min(second / 60, 2000)
        return VMGauges(
            processCount: processes,
            processLimit: processes <= 262_144 ? 262_144 : 1 << 27,
            portCount: 12 + processes / 20 + noise.value(in: 0...15, .ports, node, second),
            portLimit: 65_536,
            atomCount: atomCount,
            atomLimit: 1_048_576,
            runQueueLength: usualRunQueue(node: node, second: second) + surge,
            memory: MemoryUsage(
                processes: 18_000_000 + processes * 2_700 + queueSum * 160,
                system: 42_000_000 + noise.value(in: 0...2_000_000, .memory, node, second, 0),
                binary: 4_000_000 + queueSum * 90 + noise.value(in: 0...6_000_000, .memory, node, second, 1),
                ets: 9_000_000 + processes * 300,
                atom: 300_000 + atomCount * 40,
                code: 24_000_000 + noise.value(in: 0...3_000_000, .memory, node)
            ),
            schedulerUtilizationPermyriad: utilization(node: node, second: second, surge: surge),
            scanDurationMicroseconds: 150 + processes * 35 / 100 + surge * 40
                + noise.value(in: 0...200, .scanDuration, node, second)
        )
    }

    /// Usually nothing waits; now and then one to three processes do.
    private func usualRunQueue(node: Int, second: Int) -> Int {
        switch noise.value(in: 0...9, .runQueue, node, second) {
        case 0...5: 0
        case 6...7: 1
        case 8: 2
        default: 3
        }
    }

    /// 25–45% normally; a surging node's schedulers saturate as its run queue grows.
    private func utilization(node: Int, second: Int, surge: Int) -> Int {
        let usual = 2_500 + noise.value(in: 0...2_000, .utilization, node, second)
        guard surge > 0 else { return usual }
        let saturating = Swift.min(9_900, 4_500 + surge * 150) + noise.value(in: 0...99, .utilization, node, second, 1)
        return Swift.min(10_000, Swift.max(usual, saturating))
    }
}
