public import TimeSeries

/// One process's evidence as an alert's fetch found it, kept in the history file so it can be
/// read after the process is gone: where and when it was fetched, which alert asked, the
/// verdict given then, and the exporter's JSON exactly as it came.
public struct StoredEvidence: Sendable, Equatable {
    /// The target's `host:port` (its `instance`).
    public var target: String
    public var pid: String
    /// The registered name, empty when the process has none.
    public var name: String
    public var fetchedAt: Timestamp
    /// The `alertname` of the alert that asked.
    public var alert: String
    /// The verdict's kind (`stuck`, `slow`, …) and its reason, as judged when fetched.
    public var verdict: String
    public var verdictReason: String
    /// The `/process` body.
    public var json: String

    public init(
        target: String, pid: String, name: String, fetchedAt: Timestamp, alert: String, verdict: String, verdictReason: String,
        json: String
    ) {
        self.target = target
        self.pid = pid
        self.name = name
        self.fetchedAt = fetchedAt
        self.alert = alert
        self.verdict = verdict
        self.verdictReason = verdictReason
        self.json = json
    }
}
