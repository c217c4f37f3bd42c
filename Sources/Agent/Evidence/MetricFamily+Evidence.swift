extension MetricFamily {
    // Process evidence fetched for alerts.
    static let evidenceFetches = MetricFamily(
        "backlog_evidence_fetches_total", .counter,
        "Process evidence fetched for alerts, by result: ok, no_endpoint (an exporter without /process), no_process (exited or "
            + "unknown), refused (a malformed pid, /process not enabled), timeout, unreachable, malformed (not evidence JSON), error.")
}
