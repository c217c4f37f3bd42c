import Probe

/// The exporter's metrics for process types, reductions and distribution links, until the
/// contract's list in Probe names them too.
extension ExporterMetric {
    static let processReductionsRate = "erlang_process_reductions_per_second"
    static let typeQueueSum = "erlang_process_type_message_queue_len_sum"
    static let typeQueueMax = "erlang_process_type_message_queue_len_max"
    static let typeProcesses = "erlang_process_type_processes"
    static let distQueueBytes = "erlang_vm_dist_queue_bytes"
    static let distBusy = "erlang_vm_dist_busy"
    static let distBusyLimit = "erlang_vm_dist_buf_busy_limit_bytes"
}
