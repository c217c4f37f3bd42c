import TimeSeries

/// Renders a node's state exactly as the node-side exporter serves it (DESIGN.md, "The exporter
/// contract"): Prometheus text format 0.0.4, one family after another, each under its HELP and TYPE.
public enum NodeExposition {
    /// The `Content-Type` a node answers with.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Series in a body besides the process series: sum, max, 7 buckets, 6 counts and limits,
    /// the run queue, 6 memory kinds, utilization, node info and the 2 scan gauges.
    public static let vmSeriesCount = 26

    /// The body a node serves for its state.
    public static func render(_ state: NodeState) -> [UInt8] {
        var writer = ExpositionWriter(capacity: 3_000 + state.processes.count * 160)
        writeProcesses(state.processes, to: &writer)
        writeQueueSummary(state.queues, to: &writer)
        writeVM(state.vm, to: &writer)
        writeExporter(state, to: &writer)
        return writer.bytes
    }

    private static func writeProcesses(_ processes: [ProcessQueue], to writer: inout ExpositionWriter) {
        writer.write(MetricFamily.processQueueLength)
        for process in processes {
            writer.write("erlang_process_message_queue_len{pid=\"<0.")
            writer.write(process.pidNumber)
            writer.write(".0>\",name=\"")
            writer.write(process.role.nameBytes)
            writer.write("\",initial_call=\"")
            writer.write(process.role.initialCallBytes)
            writer.write("\",current_function=\"")
            writer.write(process.currentFunctionBytes)
            writer.write("\"} ")
            writer.write(process.length)
            writer.write("\n")
        }
    }

    private static func writeQueueSummary(_ queues: QueueSummary, to writer: inout ExpositionWriter) {
        writer.write(MetricFamily.queueSum)
        writer.write("erlang_vm_message_queue_len_sum ")
        writer.write(queues.sum)
        writer.write("\n")
        writer.write(MetricFamily.queueMax)
        writer.write("erlang_vm_message_queue_len_max ")
        writer.write(queues.max)
        writer.write("\n")
        writer.write(MetricFamily.queueBucket)
        for (bucket, count) in queues.cumulativeCounts.enumerated() {
            writer.write("erlang_vm_message_queue_len_bucket{le=\"")
            if bucket < QueueSummary.bucketBounds.count {
                writer.write(QueueSummary.bucketBounds[bucket])
            } else {
                writer.write("+Inf")
            }
            writer.write("\"} ")
            writer.write(count)
            writer.write("\n")
        }
    }

    private static func writeVM(_ vm: VMGauges, to writer: inout ExpositionWriter) {
        writeGauge(MetricFamily.processCount, "erlang_vm_process_count ", vm.processCount, to: &writer)
        writeGauge(MetricFamily.processLimit, "erlang_vm_process_limit ", vm.processLimit, to: &writer)
        writeGauge(MetricFamily.portCount, "erlang_vm_port_count ", vm.portCount, to: &writer)
        writeGauge(MetricFamily.portLimit, "erlang_vm_port_limit ", vm.portLimit, to: &writer)
        writeGauge(MetricFamily.atomCount, "erlang_vm_atom_count ", vm.atomCount, to: &writer)
        writeGauge(MetricFamily.atomLimit, "erlang_vm_atom_limit ", vm.atomLimit, to: &writer)
        writeGauge(MetricFamily.runQueues, "erlang_vm_statistics_run_queues_length ", vm.runQueueLength, to: &writer)
        writer.write(MetricFamily.memory)
        writeMemory("processes", vm.memory.processes, to: &writer)
        writeMemory("system", vm.memory.system, to: &writer)
        writeMemory("binary", vm.memory.binary, to: &writer)
        writeMemory("ets", vm.memory.ets, to: &writer)
        writeMemory("atom", vm.memory.atom, to: &writer)
        writeMemory("code", vm.memory.code, to: &writer)
        writer.write(MetricFamily.schedulerUtilization)
        writer.write("erlang_vm_scheduler_utilization ")
        writer.write(fixed: vm.schedulerUtilizationPermyriad, fractionDigits: 4)
        writer.write("\n")
    }

    private static func writeExporter(_ state: NodeState, to writer: inout ExpositionWriter) {
        writer.write(MetricFamily.nodeInfo)
        writer.write("erlang_node_info{node=\"")
        writer.write(Array(Labels.escape(state.nodeName).utf8))
        writer.write("\",otp_release=\"25\"} 1\n")
        writer.write(MetricFamily.scanDuration)
        writer.write("backlog_exporter_scan_duration_seconds ")
        writer.write(fixed: state.vm.scanDurationMicroseconds, fractionDigits: 6)
        writer.write("\n")
        writer.write(MetricFamily.scanTimestamp)
        writer.write("backlog_exporter_scan_timestamp_seconds ")
        writer.write(fixed: Int(state.scanTime.milliseconds), fractionDigits: 3)
        writer.write("\n")
    }

    private static func writeMemory(_ kind: StaticString, _ bytes: Int, to writer: inout ExpositionWriter) {
        writer.write("erlang_vm_memory_bytes_total{kind=\"")
        writer.write(kind)
        writer.write("\"} ")
        writer.write(bytes)
        writer.write("\n")
    }

    private static func writeGauge(_ family: StaticString, _ prefix: StaticString, _ value: Int, to writer: inout ExpositionWriter) {
        writer.write(family)
        writer.write(prefix)
        writer.write(value)
        writer.write("\n")
    }
}
