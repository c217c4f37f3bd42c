extension FleetScenario {
    /// The node (numbered from 0) this scenario takes down for a while every cycle, if any.
    public var nodeWithOutage: Int? { script.outage?.node }

    /// The scripted incidents; the timeline in the type's documentation is this, in words.
    var script: ScenarioScript {
        switch self {
        case .default:
            // chat_router is over 10,000 from 72 s to 170 s: 98 s, so the shipped
            // ErlangProcessBacklog rule (`for: 1m`) pages at ~133 s with over half a minute to
            // spare for the poll and grouping, and the page resolves at ~171 s, every cycle.
            ScenarioScript(
                cycleSeconds: 180,
                stall: MailboxStall(
                    node: 2, processName: "chat_router",
                    growth: LinearRamp(risesFrom: 5, fallsFrom: 165, goneAt: 175, stepHeight: 150),
                    jitter: 60
                ),
                outage: NodeOutage(node: 4, down: 60..<90),
                surge: RunQueueSurge(
                    node: 1, climb: LinearRamp(risesFrom: 30, fallsFrom: 150, goneAt: 165, secondsPerStep: 2)
                ),
                // 64 KiB/s fills the 1 MiB busy limit by 36 s; busy until 150 s, 114 s in all, so
                // the shipped ErlangDistributionLinkBusy rule (`for: 1m`) pages at ~96 s and
                // resolves at 150 s; queued from 20 s to 160 s, so ErlangDistributionBacklog
                // (queued at every reading of a minute, then `for: 1m`) warns at ~140 s.
                distribution: DistributionBackup(node: 3, peer: 5, risesFrom: 20, fallsFrom: 150, goneAt: 160, bytesPerSecond: 65_536)
            )
        case .load, .churn:
            .uneventful
        }
    }
}
