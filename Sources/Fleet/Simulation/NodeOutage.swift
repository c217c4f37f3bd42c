/// A node that is down for a while: it serves nothing and refuses connections.
struct NodeOutage: Sendable {
    let node: Int
    let down: Range<Int>

    func isDown(node: Int, atCycleSecond second: Int) -> Bool {
        node == self.node && down.contains(second)
    }
}
