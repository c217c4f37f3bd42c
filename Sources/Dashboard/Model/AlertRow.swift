/// One active alert.
public struct AlertRow: Hashable, Sendable {
    public var name: String
    /// The labels that tell instances apart, already shortened: `instance=chat7:9199 name=chat_router`.
    public var labelsSummary: String
    public var state: AlertState
    /// Seconds since the alert went pending (or fired).
    public var ageSeconds: Double
    /// Receivers it was delivered to (empty while pending or not yet sent).
    public var deliveredTo: [String]

    public init(name: String, labelsSummary: String = "", state: AlertState, ageSeconds: Double = 0, deliveredTo: [String] = []) {
        self.name = name
        self.labelsSummary = labelsSummary
        self.state = state
        self.ageSeconds = ageSeconds
        self.deliveredTo = deliveredTo
    }
}
