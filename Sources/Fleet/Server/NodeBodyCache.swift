import NIOCore
import Synchronization

/// Each node's rendered bodies for the current simulated second and the one after it.
///
/// The exporter scans once a second and serves that scan to every scraper, so a body is rendered
/// at most once per node per second however many pollers ask. Two seconds are kept because the
/// scanner renders the next second's bodies while scrapers are still being served the current ones.
final class NodeBodyCache: Sendable {
    private final class Slot: Sendable {
        let bodies = Mutex<[(second: Int, body: ByteBuffer)]>([])
    }

    private static let secondsKept = 2

    private let slots: [Slot]

    init(nodeCount: Int) {
        slots = (0..<nodeCount).map { _ in Slot() }
    }

    /// The cached body for `second`, or a fresh one from `render`, which is then kept.
    ///
    /// Rendering happens outside the lock: two racing requests may both render, which costs a little
    /// work but never blocks an event loop behind another's rendering.
    func body(ofNode node: Int, second: Int, render: () -> ByteBuffer) -> ByteBuffer {
        if let cached = cachedBody(ofNode: node, second: second) { return cached }
        let body = render()
        store(body, ofNode: node, second: second)
        return body
    }

    /// The body kept for `second`, if one was rendered.
    func cachedBody(ofNode node: Int, second: Int) -> ByteBuffer? {
        slots[node].bodies.withLock { bodies in bodies.first { $0.second == second }?.body }
    }

    /// Keeps `body` for `second`, dropping the oldest second when more than two would be kept.
    func store(_ body: ByteBuffer, ofNode node: Int, second: Int) {
        slots[node].bodies.withLock { bodies in
            guard !bodies.contains(where: { $0.second == second }) else { return }
            bodies.append((second, body))
            if bodies.count > Self.secondsKept {
                bodies.sort { $0.second > $1.second }
                bodies.removeLast(bodies.count - Self.secondsKept)
            }
        }
    }
}
