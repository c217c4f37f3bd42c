public import TimeSeries

/// One active alert.
public struct AlertRow: Hashable, Sendable {
    public var name: String
    /// The labels that tell instances apart, already shortened: `instance=chat7:9199 name=chat_router`.
    public var labelsSummary: String
    public var state: AlertState
    /// Seconds since the alert became active (went pending; `startsAt` in a notification), so
    /// one alert shows one age wherever it is seen.
    public var ageSeconds: Double
    /// Receivers that accepted a notification of it (empty while pending or not yet sent).
    public var deliveredTo: [String]
    /// Receivers that refused a notification of it for good (a final 4xx) and have not accepted
    /// one since.
    public var refusedBy: [String]
    /// Receivers a notification of it waits for: queued, not accepted yet (receiver down, retrying).
    public var queuedFor: [String]

    public init(
        name: String, labelsSummary: String = "", state: AlertState, ageSeconds: Double = 0, deliveredTo: [String] = [],
        refusedBy: [String] = [], queuedFor: [String] = []
    ) {
        self.name = name
        self.labelsSummary = labelsSummary
        self.state = state
        self.ageSeconds = ageSeconds
        self.deliveredTo = deliveredTo
        self.refusedBy = refusedBy
        self.queuedFor = queuedFor
    }
}
