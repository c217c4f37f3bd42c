/// The `# HELP` and `# TYPE` lines of every family a node serves, in the order it serves them.
enum MetricFamily {
    static let processQueueLength: StaticString = """
        # HELP erlang_process_message_queue_len Messages waiting in a process's mailbox (the top K processes and every process at or above the floor).
        # TYPE erlang_process_message_queue_len gauge

        """
    static let queueSum: StaticString = """
        # HELP erlang_vm_message_queue_len_sum Messages waiting in all mailboxes of the node.
        # TYPE erlang_vm_message_queue_len_sum gauge

        """
    static let queueMax: StaticString = """
        # HELP erlang_vm_message_queue_len_max The longest mailbox on the node.
        # TYPE erlang_vm_message_queue_len_max gauge

        """
    static let queueBucket: StaticString = """
        # HELP erlang_vm_message_queue_len_bucket Processes whose mailbox holds at most le messages.
        # TYPE erlang_vm_message_queue_len_bucket gauge

        """
    static let processCount: StaticString = """
        # HELP erlang_vm_process_count Processes alive on the node.
        # TYPE erlang_vm_process_count gauge

        """
    static let processLimit: StaticString = """
        # HELP erlang_vm_process_limit The most processes the node can hold at once.
        # TYPE erlang_vm_process_limit gauge

        """
    static let portCount: StaticString = """
        # HELP erlang_vm_port_count Ports open on the node.
        # TYPE erlang_vm_port_count gauge

        """
    static let portLimit: StaticString = """
        # HELP erlang_vm_port_limit The most ports the node can hold at once.
        # TYPE erlang_vm_port_limit gauge

        """
    static let atomCount: StaticString = """
        # HELP erlang_vm_atom_count Atoms in the atom table.
        # TYPE erlang_vm_atom_count gauge

        """
    static let atomLimit: StaticString = """
        # HELP erlang_vm_atom_limit The most atoms the atom table can hold.
        # TYPE erlang_vm_atom_limit gauge

        """
    static let runQueues: StaticString = """
        # HELP erlang_vm_statistics_run_queues_length Processes ready to run, over all run queues.
        # TYPE erlang_vm_statistics_run_queues_length gauge

        """
    static let memory: StaticString = """
        # HELP erlang_vm_memory_bytes_total Memory the VM has allocated, by kind.
        # TYPE erlang_vm_memory_bytes_total gauge

        """
    static let schedulerUtilization: StaticString = """
        # HELP erlang_vm_scheduler_utilization Share of time the schedulers were busy over the last scan interval.
        # TYPE erlang_vm_scheduler_utilization gauge

        """
    static let nodeInfo: StaticString = """
        # HELP erlang_node_info The node's name and OTP release; always 1.
        # TYPE erlang_node_info gauge

        """
    static let scanDuration: StaticString = """
        # HELP backlog_exporter_scan_duration_seconds How long the exporter's last process scan took.
        # TYPE backlog_exporter_scan_duration_seconds gauge

        """
    static let scanTimestamp: StaticString = """
        # HELP backlog_exporter_scan_timestamp_seconds When the exporter's last process scan ran, in Unix seconds.
        # TYPE backlog_exporter_scan_timestamp_seconds gauge

        """
}
