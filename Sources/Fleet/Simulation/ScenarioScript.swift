/// The scripted events of a scenario, timed in seconds into its cycle.
struct ScenarioScript: Sendable {
    /// The story repeats with this period; nil plays it once.
    var cycleSeconds: Int?
    var stall: MailboxStall?
    var outage: NodeOutage?
    var surge: RunQueueSurge?
    var distribution: DistributionBackup?

    func cycleSecond(_ second: Int) -> Int {
        guard let cycleSeconds else { return second }
        return second % cycleSeconds
    }

    /// The script of nothing happening.
    static let uneventful = ScenarioScript()
}
