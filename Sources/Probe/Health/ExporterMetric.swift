/// The metric names of the node exporter contract (see DESIGN.md), in one place.
public enum ExporterMetric {
    public static let processQueue = "erlang_process_message_queue_len"
    public static let queueSum = "erlang_vm_message_queue_len_sum"
    public static let queueMax = "erlang_vm_message_queue_len_max"
    public static let queueBucket = "erlang_vm_message_queue_len_bucket"
    public static let processCount = "erlang_vm_process_count"
    public static let processLimit = "erlang_vm_process_limit"
    public static let portCount = "erlang_vm_port_count"
    public static let portLimit = "erlang_vm_port_limit"
    public static let atomCount = "erlang_vm_atom_count"
    public static let atomLimit = "erlang_vm_atom_limit"
    public static let runQueue = "erlang_vm_statistics_run_queues_length"
    public static let memory = "erlang_vm_memory_bytes_total"
    public static let schedulerUtilization = "erlang_vm_scheduler_utilization"
    public static let nodeInfo = "erlang_node_info"
    public static let scanDuration = "backlog_exporter_scan_duration_seconds"
    public static let scanTimestamp = "backlog_exporter_scan_timestamp_seconds"
}
