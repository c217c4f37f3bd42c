/// What the evidence says about why a process's queue is where it is.
public struct Verdict: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Doing next to no work while messages wait: blocked on something else — a call that
        /// does not return, a lock, a suspended sender.
        case stuck
        /// Running flat out while its queue still grows: it cannot keep up with what arrives.
        case slow
        /// The queue is shrinking.
        case catchingUp = "catching up"
        /// The queue holds (or is empty) and nothing points at a blocked process.
        case keepingUp = "keeping up"
        /// Evidence is missing (no reductions rate, no trend), or it fits no pattern.
        case unknown
    }

    public var kind: Kind
    /// Why, in words: which figures led here.
    public var reason: String

    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// Judges one process from its evidence and its queue trend.
    ///
    /// In order: a shrinking queue is catching up; a live process that does no work over a
    /// non-empty queue that holds or grows is stuck, whatever its status at the instant it was
    /// read (each arriving message wakes a blocked process briefly, so it may be caught running);
    /// a running or runnable process
    /// working hard with a growing queue is slow; a queue that holds or is empty is keeping up;
    /// anything else is unknown.
    public static func judge(_ evidence: ProcessEvidence, trend: QueueTrend?, thresholds: VerdictThresholds = .defaults) -> Verdict {
        guard let trend, trend.perSecond.isFinite else {
            return Verdict(kind: .unknown, reason: "no queue trend: neither history nor a second reading")
        }
        if trend.perSecond <= -thresholds.shrinkingPerSecond {
            return Verdict(kind: .catchingUp, reason: "queue shrinking \(signed(trend.perSecond))/s")
        }
        guard let rate = evidence.reductionsPerSecond, rate.isFinite else {
            return Verdict(kind: .unknown, reason: "the exporter gave no reductions rate")
        }
        let growing = trend.perSecond >= thresholds.growingPerSecond
        let queue = evidence.messageQueueLen
        let movement = growing ? "queue growing \(signed(trend.perSecond))/s" : "queue holding"
        if evidence.status != "exiting", rate <= thresholds.idleReductionsPerSecond, queue >= thresholds.stuckMinimumQueue {
            return Verdict(kind: .stuck, reason: "\(evidence.status) at \(plain(rate)) reductions/s, \(movement) at \(queue)")
        }
        let working = ["running", "runnable", "garbage_collecting"].contains(evidence.status)
        if working, rate >= thresholds.busyReductionsPerSecond, growing {
            return Verdict(kind: .slow, reason: "\(evidence.status) at \(plain(rate)) reductions/s, \(movement)")
        }
        if !growing {
            return Verdict(kind: .keepingUp, reason: queue == 0 ? "queue empty" : "queue holding at \(queue)")
        }
        return Verdict(
            kind: .unknown,
            reason: "\(movement) while \(evidence.status) at \(plain(rate)) reductions/s: neither stuck nor slow")
    }

    /// A rate as people read it: whole numbers from 10 up, one decimal below: `150`, `0.5`.
    static func plain(_ value: Double) -> String {
        guard value.magnitude < 1e15 else { return String(value) }
        if value.magnitude >= 10 || value == value.rounded() { return String(Int(value.rounded())) }
        return String((value * 10).rounded() / 10)
    }

    /// A change with its sign: `+150`, `-3`, `0`.
    static func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + plain(value) }
}
