extension FleetScenario {
    /// The scripted incidents; the timeline in the type's documentation is this, in words.
    var script: ScenarioScript {
        switch self {
        case .default:
            ScenarioScript(
                cycleSeconds: 180,
                stall: MailboxStall(
                    node: 2, processName: "chat_router",
                    growth: LinearRamp(risesFrom: 20, fallsFrom: 140, goneAt: 160, stepHeight: 150),
                    jitter: 60
                ),
                outage: NodeOutage(node: 4, down: 60..<90),
                surge: RunQueueSurge(
                    node: 1, climb: LinearRamp(risesFrom: 30, fallsFrom: 150, goneAt: 165, secondsPerStep: 2)
                )
            )
        case .load:
            .uneventful
        }
    }
}
