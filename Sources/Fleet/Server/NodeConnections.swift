import NIOCore
import Synchronization

/// The open connections of one node, so that a node going down drops them as a dead VM would,
/// instead of answering on keep-alive connections while its port refuses new ones.
final class NodeConnections: Sendable {
    private let open = Mutex<[ObjectIdentifier: any Channel]>([:])

    func track(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        open.withLock { $0[key] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.open.withLock { $0.removeValue(forKey: key) }
        }
    }

    func closeAll() {
        let channels = open.withLock { open in
            defer { open.removeAll() }
            return Array(open.values)
        }
        for channel in channels { channel.close(promise: nil) }
    }
}
