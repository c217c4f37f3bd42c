extension MetricFamily {
    // Remote write, by `remote_name` (the endpoint's name, else its host; never its URL), with
    // the meanings of Prometheus's `prometheus_remote_storage_*`.
    static let remoteSamples = MetricFamily(
        "backlog_remote_write_samples_total", .counter, "Samples in every remote-write attempt, retries included.")
    static let remoteSamplesFailed = MetricFamily(
        "backlog_remote_write_samples_failed_total", .counter, "Samples the receiver refused for good (4xx); not retried.")
    static let remoteSamplesRetried = MetricFamily(
        "backlog_remote_write_samples_retried_total", .counter, "Samples in attempts that failed recoverably (5xx, 429, no answer) and are retried.")
    static let remoteSamplesDropped = MetricFamily(
        "backlog_remote_write_samples_dropped_total", .counter,
        "Samples never sent, by reason: relabel (write_relabel_configs), retention (deleted before sent).")
    static let remoteSamplesPending = MetricFamily(
        "backlog_remote_write_samples_pending", .gauge, "Samples in the history's log the receiver has yet to accept.")
    static let remoteHighestTimestamp = MetricFamily(
        "backlog_remote_write_highest_timestamp_seconds", .gauge, "Newest sample timestamp the receiver accepted.")
    static let remoteBytes = MetricFamily(
        "backlog_remote_write_bytes_total", .counter, "Compressed request bytes sent, retries included.")
    static let remoteBatchDuration = MetricFamily(
        "backlog_remote_write_sent_batch_duration_seconds", .gauge, "Time the last remote-write request took.")
}
