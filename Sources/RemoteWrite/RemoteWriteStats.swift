/// One endpoint's figures, with Prometheus's `prometheus_remote_storage_*` meanings.
public struct RemoteWriteStats: Sendable, Equatable {
    /// Samples in every attempt made (a retried batch counts again), as Prometheus's `samples_total`.
    public var samplesSent: Int64 = 0
    /// Samples the receiver accepted (2xx).
    public var samplesAccepted: Int64 = 0
    /// Samples the receiver refused for good (4xx other than 429): not retried.
    public var samplesFailed: Int64 = 0
    /// Samples in attempts that failed in a way worth retrying (5xx, 429, no answer).
    public var samplesRetried: Int64 = 0
    /// Samples never sent, by reason: `relabel` (write_relabel_configs dropped the series),
    /// `retention` (the history dropped them before they were sent), `unknown_series`.
    public var samplesDropped: [String: Int64] = [:]
    /// Samples logged but not yet accepted.
    public var samplesPending: Int64 = 0
    /// Newest sample timestamp the receiver accepted, in seconds.
    public var highestSentTimestampSeconds: Double = 0
    /// Compressed request bytes over every attempt.
    public var bytesSent: Int64 = 0
    /// Seconds the last attempt took.
    public var lastBatchDurationSeconds: Double = 0
    /// CPU seconds the endpoint's thread has used.
    public var cpuSeconds: Double = 0

    public init() {}
}

/// What an endpoint reports for the log; every text names the endpoint by `remoteName` and has
/// its secrets scrubbed.
public enum RemoteWriteEvent: Sendable, Equatable {
    /// The receiver refused a batch for good (4xx); the batch is dropped.
    case refused(remoteName: String, status: Int, samples: Int, detail: String)
    /// Sending started failing; retries continue with backoff. Reported once per outage.
    case failing(remoteName: String, reason: String)
    /// Sending works again after failures.
    case recovered(remoteName: String, retries: Int)
    /// The history's log could not be read; retried.
    case logUnavailable(remoteName: String, reason: String)
    /// Retention deleted samples before this endpoint sent them.
    case retentionDropped(remoteName: String, samples: Int64)
}
