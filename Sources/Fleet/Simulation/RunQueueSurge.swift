/// A node whose schedulers fall behind: its run queue climbs, then falls back once the load passes.
struct RunQueueSurge: Sendable {
    let node: Int
    let climb: LinearRamp

    /// How many runnable processes the surge adds on top of the node's usual run queue.
    func extraRunQueue(node: Int, atCycleSecond second: Int) -> Int {
        node == self.node ? climb.height(at: second) : 0
    }
}
