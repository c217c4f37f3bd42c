extension FleetScenario {
    /// The scripted incidents; the timeline in the type's documentation is this, in words.
    var script: ScenarioScript {
        switch self {
        case .default:
            ScenarioScript(
                cycleSeconds: 180,
                stall: MailboxStall(
                    node: 2, processName: "chat_router", growsFrom: 20, messagesPerSecond: 150,
                    drainsFrom: 140, drainedAt: 160, jitter: 60
                ),
                outage: NodeOutage(node: 4, down: 60..<90),
                surge: RunQueueSurge(node: 1, climbsFrom: 30, secondsPerStep: 2, recoversFrom: 150, recoveredAt: 165)
            )
        case .load:
            .uneventful
        }
    }
}
