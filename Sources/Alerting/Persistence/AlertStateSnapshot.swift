public import TimeSeries

/// The alert state worth keeping across a restart: per rule, its alerts with their lifecycle
/// times and whether (and when) they were sent. Times are milliseconds since the epoch.
public struct AlertStateSnapshot: Sendable, Codable, Equatable {
    /// When the state was taken; with `RuleEngineOptions.stateHeartbeat` it says how recently
    /// the agent ran.
    public var savedAt: Int64
    public var rules: [SavedRule]

    public init(savedAt: Int64, rules: [SavedRule]) {
        self.savedAt = savedAt
        self.rules = rules
    }

    /// The alerts of one rule, under the rule's identity (`RuleIdentity.description`).
    public struct SavedRule: Sendable, Codable, Equatable {
        public var rule: String
        public var alerts: [SavedAlert]
    }

    /// One alert as saved.
    public struct SavedAlert: Sendable, Codable, Equatable {
        public var labels: [String: String]
        public var annotations: [String: String]
        public var state: AlertState
        public var value: Double
        public var activeAt: Int64
        public var firedAt: Int64?
        public var resolvedAt: Int64?
        public var lastSentAt: Int64?
        public var validUntil: Int64?
        public var keepFiringSince: Int64?

        public static func == (lhs: SavedAlert, rhs: SavedAlert) -> Bool {
            lhs.labels == rhs.labels && lhs.annotations == rhs.annotations && lhs.state == rhs.state
                && (lhs.value == rhs.value || lhs.value.isNaN && rhs.value.isNaN) && lhs.activeAt == rhs.activeAt
                && lhs.firedAt == rhs.firedAt && lhs.resolvedAt == rhs.resolvedAt && lhs.lastSentAt == rhs.lastSentAt
                && lhs.validUntil == rhs.validUntil && lhs.keepFiringSince == rhs.keepFiringSince
        }
    }

    /// Number of alerts in the snapshot.
    public var alertCount: Int { rules.reduce(0) { $0 + $1.alerts.count } }
}

/// Where alert state is kept between runs of the agent.
public protocol AlertStatePersistence: Sendable {
    /// The saved state, or nil when none was saved yet. Throws when the saved state cannot be
    /// read; the caller reports that and starts without it.
    func load() throws(AlertStateError) -> AlertStateSnapshot?
    /// Saves the state, replacing what was saved before.
    func save(_ snapshot: AlertStateSnapshot) throws(AlertStateError)
}

/// Saved alert state that could not be read or written.
public struct AlertStateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
