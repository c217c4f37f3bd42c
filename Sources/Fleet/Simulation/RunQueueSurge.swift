/// A node whose schedulers fall behind: its run queue climbs, then falls back once the load passes.
struct RunQueueSurge: Sendable {
    let node: Int
    let climbsFrom: Int
    /// The run queue grows by one every this many seconds.
    let secondsPerStep: Int
    let recoversFrom: Int
    let recoveredAt: Int

    /// How many runnable processes the surge adds on top of the node's usual run queue.
    func extraRunQueue(node: Int, atCycleSecond second: Int) -> Int {
        guard node == self.node else { return 0 }
        switch second {
        case climbsFrom..<recoversFrom:
            return (second - climbsFrom) / secondsPerStep
        case recoversFrom..<recoveredAt:
            let peak = (recoversFrom - climbsFrom) / secondsPerStep
            return peak * (recoveredAt - second) / (recoveredAt - recoversFrom)
        default:
            return 0
        }
    }
}
