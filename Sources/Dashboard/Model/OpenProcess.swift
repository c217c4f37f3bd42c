/// The process the process view shows: its queue over the window the dashboard holds, and what
/// its node said about it when asked.
public struct OpenProcess: Hashable, Sendable {
    public var process: ProcessIdentity
    /// Its queue length over the window held, oldest first; empty once the process is gone.
    public var queue: [ChartPoint]
    public var evidence: EvidenceState

    public init(process: ProcessIdentity, queue: [ChartPoint] = [], evidence: EvidenceState = .notAsked) {
        self.process = process
        self.queue = queue
        self.evidence = evidence
    }
}

/// Where the process view's evidence stands: asked for, shown, or unavailable and why.
public enum EvidenceState: Hashable, Sendable {
    /// Nobody can ask: the process's node is unknown.
    case notAsked
    /// Asked the node at this address; no answer yet.
    case fetching(from: String)
    case shown(ProcessEvidenceSummary)
    /// The node could not give it: not reachable, an exporter without `/process`, the process gone.
    case unavailable(reason: String)
}

/// The evidence as the process view prints it: the verdict first, then what it rests on.
public struct ProcessEvidenceSummary: Hashable, Sendable {
    /// `stuck`, `slow`, `catching up`, `keeping up` or `unknown`.
    public var verdict: String
    /// The figures behind the verdict, in words.
    public var verdictReason: String
    /// The process's status: `waiting`, `running`, …
    public var status: String
    public var reductionsPerSecond: Double?
    public var currentFunction: String?
    public var initialCall: String?
    public var messageQueueLength: Int
    /// Frames of its stack, innermost first, as `module:function/arity (file:line)`.
    public var stack: [String]
    /// Seconds since the node answered.
    public var ageSeconds: Double

    public init(verdict: String, verdictReason: String, status: String, reductionsPerSecond: Double? = nil,
                currentFunction: String? = nil, initialCall: String? = nil, messageQueueLength: Int = 0, stack: [String] = [],
                ageSeconds: Double = 0) {
        self.verdict = verdict
        self.verdictReason = verdictReason
        self.status = status
        self.reductionsPerSecond = reductionsPerSecond
        self.currentFunction = currentFunction
        self.initialCall = initialCall
        self.messageQueueLength = messageQueueLength
        self.stack = stack
        self.ageSeconds = ageSeconds
    }
}
