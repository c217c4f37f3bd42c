import NIOCore
import Synchronization

/// What a running `LoopbackHTTPServer` has seen, shared by its connections and the test.
final class LoopbackServerState: Sendable {
    private struct Contents {
        var requests: [LoopbackRequest] = []
        var acceptedConnections = 0
        var requestsInFlight = 0
        var peakRequestsInFlight = 0
        var openChannels: [ObjectIdentifier: any Channel] = [:]
        var shuttingDown = false
    }

    private let contents = Mutex(Contents())

    /// Counts a new connection and returns its number, or nil once the server is shutting down.
    func connectionAccepted(_ channel: any Channel) -> Int? {
        contents.withLock { contents in
            guard !contents.shuttingDown else { return nil }
            contents.acceptedConnections += 1
            contents.openChannels[ObjectIdentifier(channel)] = channel
            return contents.acceptedConnections
        }
    }

    func connectionClosed(_ channel: any Channel) {
        _ = contents.withLock { $0.openChannels.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    func record(_ request: LoopbackRequest) {
        contents.withLock { $0.requests.append(request) }
    }

    /// A request is held before its answer (`delayed`); counts how many are held at once.
    func requestHeld() {
        contents.withLock { contents in
            contents.requestsInFlight += 1
            contents.peakRequestsInFlight = max(contents.peakRequestsInFlight, contents.requestsInFlight)
        }
    }

    func requestReleased() {
        contents.withLock { $0.requestsInFlight -= 1 }
    }

    var requests: [LoopbackRequest] { contents.withLock { $0.requests } }
    var peakRequestsInFlight: Int { contents.withLock { $0.peakRequestsInFlight } }
    var acceptedConnections: Int { contents.withLock { $0.acceptedConnections } }
    var openConnections: Int { contents.withLock { $0.openChannels.count } }

    /// Refuses further connections and returns the open ones, for the caller to close.
    func beginShutdown() -> [any Channel] {
        contents.withLock { contents in
            contents.shuttingDown = true
            return Array(contents.openChannels.values)
        }
    }
}
