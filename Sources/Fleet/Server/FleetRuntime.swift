import NIOCore

/// What every connection handler of a running fleet shares: the simulation, the clock, the bodies.
final class FleetRuntime: Sendable {
    let simulation: FleetSimulation
    let clock: FleetClock
    let bodies: NodeBodyCache
    let connections: [NodeConnections]
    private let allocator = ByteBufferAllocator()

    init(simulation: FleetSimulation, clock: FleetClock) {
        self.simulation = simulation
        self.clock = clock
        bodies = NodeBodyCache(nodeCount: simulation.nodeCount)
        connections = (0..<simulation.nodeCount).map { _ in NodeConnections() }
    }

    /// The simulated second now.
    var currentSecond: Int { simulation.second(at: clock.now()) }

    /// The body node `node` serves at `second`, rendered at most once per second.
    func body(ofNode node: Int, second: Int) -> ByteBuffer {
        bodies.body(ofNode: node, second: second) { render(node: node, second: second) }
    }

    /// Renders and keeps the body of every node that is up at `second` and has none yet.
    func prerender(second: Int) {
        for node in 0..<simulation.nodeCount where simulation.isUp(node: node, atSecond: second) {
            guard bodies.cachedBody(ofNode: node, second: second) == nil else { continue }
            bodies.store(render(node: node, second: second), ofNode: node, second: second)
        }
    }

    private func render(node: Int, second: Int) -> ByteBuffer {
        allocator.buffer(bytes: NodeExposition.render(simulation.nodeState(node, atSecond: second)))
    }
}
