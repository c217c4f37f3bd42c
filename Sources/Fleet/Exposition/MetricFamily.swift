/// One metric family a node serves: its name and the `# HELP` / `# TYPE` lines that open it,
/// turned into bytes once so that rendering only copies them.
struct MetricFamily: Sendable {
    /// `# HELP …` and `# TYPE … gauge`, each ending in a newline.
    let header: [UInt8]
    /// The metric name, for sample lines.
    let name: [UInt8]

    /// Every family of the exporter contract is a gauge, the histogram-like buckets included.
    init(_ name: String, help: String) {
        header = Array("# HELP \(name) \(help)\n# TYPE \(name) gauge\n".utf8)
        self.name = Array(name.utf8)
    }

    static let processQueueLength = MetricFamily(
        "erlang_process_message_queue_len",
        help: "Messages waiting in a process's mailbox (the top K processes and every process at or above the floor)."
    )
    static let processInfo = MetricFamily(
        "erlang_process_info",
        help: "Where a process exported with its queue length was at scan time, and its status; always 1."
    )
    static let reductionsPerSecond = MetricFamily(
        "erlang_process_reductions_per_second",
        help: "Reductions per second since the previous scan of the processes exported with their queue length (slow: high; stuck: near zero)."
    )
    static let typeQueueSum = MetricFamily(
        "erlang_process_type_message_queue_len_sum",
        help: "Sum of the non-empty message queues of the processes of one initial call (the top types by this sum)."
    )
    static let typeQueueMax = MetricFamily(
        "erlang_process_type_message_queue_len_max", help: "Longest message queue of a process of one initial call."
    )
    static let typeProcesses = MetricFamily(
        "erlang_process_type_processes", help: "Processes of one initial call with a non-empty message queue."
    )
    static let queueSum = MetricFamily("erlang_vm_message_queue_len_sum", help: "Messages waiting in all mailboxes of the node.")
    static let queueMax = MetricFamily("erlang_vm_message_queue_len_max", help: "The longest mailbox on the node.")
    static let queueBucket = MetricFamily(
        "erlang_vm_message_queue_len_bucket", help: "Processes whose mailbox holds at most le messages."
    )
    static let processCount = MetricFamily("erlang_vm_process_count", help: "Processes alive on the node.")
    static let processLimit = MetricFamily("erlang_vm_process_limit", help: "The most processes the node can hold at once.")
    static let portCount = MetricFamily("erlang_vm_port_count", help: "Ports open on the node.")
    static let portLimit = MetricFamily("erlang_vm_port_limit", help: "The most ports the node can hold at once.")
    static let atomCount = MetricFamily("erlang_vm_atom_count", help: "Atoms in the atom table.")
    static let atomLimit = MetricFamily("erlang_vm_atom_limit", help: "The most atoms the atom table can hold.")
    static let runQueues = MetricFamily(
        "erlang_vm_statistics_run_queues_length", help: "Processes ready to run, over all run queues."
    )
    static let memory = MetricFamily("erlang_vm_memory_bytes_total", help: "Memory the VM has allocated, by kind.")
    static let schedulerUtilization = MetricFamily(
        "erlang_vm_scheduler_utilization", help: "Share of time the schedulers were busy over the last scan interval."
    )
    static let distQueueBytes = MetricFamily("erlang_vm_dist_queue_bytes", help: "Bytes queued for sending to a connected node.")
    static let distBusy = MetricFamily(
        "erlang_vm_dist_busy", help: "1 while sending to a connected node suspends the sender (the link is busy)."
    )
    static let distBusyLimit = MetricFamily(
        "erlang_vm_dist_buf_busy_limit_bytes", help: "Bytes queued to a node at which the link becomes busy (+zdbbl)."
    )
    static let nodeInfo = MetricFamily("erlang_node_info", help: "The node's name and OTP release; always 1.")
    static let scanDuration = MetricFamily(
        "backlog_exporter_scan_duration_seconds", help: "How long the exporter's last process scan took."
    )
    static let scanTimestamp = MetricFamily(
        "backlog_exporter_scan_timestamp_seconds", help: "When the exporter's last process scan ran, in Unix seconds."
    )
}
