import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT and SIGTERM from the moment it is created, so long-running commands shut down
/// cleanly; create it before announcing readiness, or a quick signal kills the process outright.
struct TerminationSignal: Sendable {
    private let received: AsyncStream<Int32>
    private let sources: SignalSources

    init() {
        let (received, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.received = received
        sources = SignalSources(signals: [SIGINT, SIGTERM]) { continuation.yield($0) }
    }

    /// Suspends until SIGINT or SIGTERM arrives (or has arrived) and returns which one.
    func next() async -> Int32 {
        for await number in received { return number }
        return SIGTERM
    }
}

/// Dispatch signal sources, kept alive as long as their owner.
///
/// `@unchecked Sendable`: the sources are only touched in `init` and `deinit`.
private final class SignalSources: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    init(signals: [Int32], onSignal: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "backlog.termination-signal")
        for number in signals {
            // Dispatch only sees a signal whose default action (terminating the process) is off.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { onSignal(number) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
