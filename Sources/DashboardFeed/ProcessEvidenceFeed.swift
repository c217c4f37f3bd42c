public import Dashboard
import Dispatch
public import Evidence
public import Probe
import Synchronization
public import TimeSeries

/// Asks a node's exporter about the process open in the dashboard, away from the drawing loop:
/// the first frame shows that it is asking, later frames the answer, refreshed while the process
/// stays open. One request at a time; a slow or silent node never holds up a frame.
public final class ProcessEvidenceFeed: Sendable {
    /// How often the open process is asked about again.
    public static let refreshSeconds = 5.0

    private struct Answer {
        var process: ProcessIdentity
        var result: Result<ProcessEvidence, EvidenceProblem>?
        var answeredAt: UInt64 = 0
        var asking = false
    }

    private let client: ProcessEvidenceClient
    private let answer = Mutex<Answer?>(nil)

    public init(client: ProcessEvidenceClient = ProcessEvidenceClient(timeout: .seconds(3))) {
        self.client = client
    }

    /// What to show about `process` now, asking its node when nothing recent is known; its queue
    /// growing by `growthPerSecond` (from the ranking's window) feeds the verdict.
    public func evidence(for process: ProcessIdentity, growthPerSecond: Double?) -> EvidenceState {
        guard !process.instance.isEmpty, !process.pid.isEmpty else { return .notAsked }
        let now = MonotonicClock.nanoseconds()
        let (known, shouldAsk) = answer.withLock { current -> (Answer, Bool) in
            if current == nil || !current!.process.isSameProcess(as: process) { current = Answer(process: process) }
            let stale = current!.result == nil || Double(now - current!.answeredAt) / 1e9 >= Self.refreshSeconds
            let ask = stale && !current!.asking
            if ask { current!.asking = true }
            return (current!, ask)
        }
        if shouldAsk { ask(process) }
        switch known.result {
        case nil:
            return .fetching(from: process.instance)
        case .failure(let problem):
            return .unavailable(reason: problem.description)
        case .success(let evidence):
            let trend = growthPerSecond.map { QueueTrend(perSecond: $0, seconds: 60, basis: .history) }
            return .shown(Self.summary(evidence, trend: trend, ageSeconds: Double(now - known.answeredAt) / 1e9))
        }
    }

    /// The evidence in the words the process view prints.
    public static func summary(_ evidence: ProcessEvidence, trend: QueueTrend?, ageSeconds: Double) -> ProcessEvidenceSummary {
        let verdict = Verdict.judge(evidence, trend: trend)
        return ProcessEvidenceSummary(
            verdict: verdict.kind.rawValue, verdictReason: verdict.reason, status: evidence.status,
            reductionsPerSecond: evidence.reductionsPerSecond, currentFunction: evidence.whereNow,
            initialCall: evidence.initialCall, messageQueueLength: evidence.messageQueueLen,
            stack: evidence.currentStacktrace.map(\.description), ageSeconds: ageSeconds)
    }

    private func ask(_ process: ProcessIdentity) {
        DispatchQueue.global(qos: .utility).async { [self] in
            let result = client.evidence(target: process.instance, process: .pid(process.pid)).map(\.evidence)
            answer.withLock { current in
                // The user may have moved on to another process meanwhile: that one asks for itself.
                guard current?.process.isSameProcess(as: process) == true else { return }
                current?.result = result
                current?.answeredAt = MonotonicClock.nanoseconds()
                current?.asking = false
            }
        }
    }
}
