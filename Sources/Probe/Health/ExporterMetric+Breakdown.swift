extension ExporterMetric {
    public static let typeQueueSum = "erlang_process_type_message_queue_len_sum"
    public static let typeQueueMax = "erlang_process_type_message_queue_len_max"
    public static let typeProcesses = "erlang_process_type_processes"
    public static let distQueueBytes = "erlang_vm_dist_queue_bytes"
    public static let distBusy = "erlang_vm_dist_busy"
    public static let distBusyLimit = "erlang_vm_dist_buf_busy_limit_bytes"
}
