import Synchronization

/// Performs many HTTP requests at once over one libcurl multi handle, from the calling thread.
///
/// Every call runs its requests concurrently in a single libcurl multi-socket loop (see
/// `CurlSocketWatch`) and returns when each one has finished or hit its own timeout. Connections
/// and easy handles are kept per request key and reused on the next call (keep-alive across cycles).
///
/// The transport is meant to be driven from one thread at a time (a scrape loop's own thread);
/// it is `Sendable` so it can be handed to that thread, and calls from two threads at once
/// simply run one after the other.
public final class CurlTransport: Sendable {
    /// The multi handle and kept easy handles; the lock makes handing the transport across
    /// threads safe, and is uncontended in the intended one-thread use.
    private let session: Mutex<CurlMultiSession>

    public init() {
        session = Mutex(CurlMultiSession())
    }

    /// Runs every request concurrently and returns one result per request, in order.
    ///
    /// A failure of one request never affects the others. An HTTP error status (such as 500)
    /// is a response, not a failure: what it means is for the caller to decide.
    public func perform(_ requests: [HTTPRequestSpec]) -> [Result<HTTPResponse, TransportError>] {
        session.withLock { session in session.perform(requests) }
    }
}
