import NIOCore
import Synchronization

/// Each node's latest rendered body, kept for the simulated second it belongs to.
///
/// The exporter scans once a second and serves that scan to every scraper, so a body is rendered
/// at most once per node per second however many pollers ask.
final class NodeBodyCache: Sendable {
    private final class Slot: Sendable {
        let latest = Mutex<(second: Int, body: ByteBuffer)?>(nil)
    }

    private let slots: [Slot]

    init(nodeCount: Int) {
        slots = (0..<nodeCount).map { _ in Slot() }
    }

    /// The cached body for `second`, or a fresh one from `render`.
    ///
    /// Rendering happens outside the lock: two racing requests may both render, which costs a little
    /// work but never blocks an event loop behind another's rendering.
    func body(ofNode node: Int, second: Int, render: () -> ByteBuffer) -> ByteBuffer {
        let slot = slots[node]
        if let cached = slot.latest.withLock({ $0 }), cached.second == second {
            return cached.body
        }
        let body = render()
        slot.latest.withLock { latest in
            if latest.map({ $0.second < second }) ?? true { latest = (second, body) }
        }
        return body
    }
}
