extension MetricFamily {
    // Attaching to `erlang_nodes`.
    static let attachAttempts = MetricFamily(
        "backlog_attach_attempts_total", .counter,
        "Attaches to erlang_nodes by result: started (the exporter loaded and started), already_running, failed.")
    static let attachNodes = MetricFamily("backlog_attach_nodes", .gauge, "Nodes named in erlang_nodes.")
}
