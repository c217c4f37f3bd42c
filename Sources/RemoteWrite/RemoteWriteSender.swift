internal import Dispatch
internal import Foundation
internal import History
internal import Synchronization
public import TimeSeries

/// Sends one endpoint's share of the history, on its own thread, in commit order: reads the log
/// from the endpoint's position, relabels, encodes, posts, and moves the position after each 2xx.
///
/// Retryable failures retry the same batch with exponential backoff (the position stays, so a
/// receiver that is down for an hour gets that hour once back); a 4xx drops the batch. After a
/// crash, at most the batch in flight is sent again. Polling never waits on it: it shares no lock
/// with the agent's cycle, only the history file.
public final class RemoteWriteSender: Sendable {
    public let endpoint: RemoteWriteEndpoint
    let historyPath: String
    let externalLabels: Labels
    let version: String
    let transport: RemoteWriteTransport
    let onEvent: @Sendable (RemoteWriteEvent) -> Void
    let onStats: @Sendable (RemoteWriteStats) -> Void
    private let statsBox = Mutex(RemoteWriteStats())
    private let stopping = Mutex(false)
    private let wakeSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Mutex(false)

    /// How long an idle sender waits before looking at the log again without being woken.
    static let idlePoll = DispatchTimeInterval.milliseconds(500)

    public init(
        endpoint: RemoteWriteEndpoint, historyPath: String, externalLabels: Labels = Labels(), version: String,
        transport: @escaping RemoteWriteTransport,
        onEvent: @escaping @Sendable (RemoteWriteEvent) -> Void = { _ in },
        onStats: @escaping @Sendable (RemoteWriteStats) -> Void = { _ in }
    ) {
        self.endpoint = endpoint
        self.historyPath = historyPath
        self.externalLabels = externalLabels
        self.version = version
        self.transport = transport
        self.onEvent = onEvent
        self.onStats = onStats
    }

    /// The figures so far.
    public var stats: RemoteWriteStats { statsBox.withLock { $0 } }

    /// Starts the thread; a second call does nothing.
    public func start() {
        guard started.withLock({ let was = $0; $0 = true; return !was }) else { return }
        let thread = Thread { [self] in
            var run = SenderRun(sender: self)
            run.loop()
            finished.signal()
        }
        thread.name = "remote-write \(endpoint.remoteName)"
        thread.start()
    }

    /// Tells the sender the history has new rows (after each append), so it need not wait to look.
    public func wake() { wakeSignal.signal() }

    /// Stops after the attempt in flight; its batch is sent again by the next start if it got no 2xx.
    public func stop() {
        guard started.withLock({ $0 }) else { return }
        stopping.withLock { $0 = true }
        wakeSignal.signal()
        finished.wait()
        started.withLock { $0 = false }
        stopping.withLock { $0 = false }
    }

    var isStopping: Bool { stopping.withLock { $0 } }

    /// Waits until `deadline` or a stop; wakes from appends are let through only when `wakeable`.
    func pause(until deadline: ContinuousClock.Instant, wakeable: Bool) {
        while !isStopping {
            let now = ContinuousClock.now
            guard now < deadline else { return }
            let left = now.duration(to: deadline)
            let nanos = Int(left.components.seconds) * 1_000_000_000 + Int(left.components.attoseconds / 1_000_000_000)
            let woken = wakeSignal.wait(timeout: .now() + .nanoseconds(max(1, nanos))) == .success
            if woken && wakeable { return }
        }
    }

    func update(_ body: (inout RemoteWriteStats) -> Void) {
        let snapshot = statsBox.withLock { stats in
            body(&stats)
            return stats
        }
        onStats(snapshot)
    }
}
