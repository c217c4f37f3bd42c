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
        if state.servesProcessDetail {
            writeInfo(state.processes, to: &writer)
            writeReductions(state.processes, to: &writer)
            writeTypes(state.processTypes, to: &writer)
        }
        writeQueueSummary(state.queues, to: &writer)
        writeVM(state.vm, to: &writer)
        if state.servesDistribution { writeDistribution(state.distributionLinks, to: &writer) }
        writeExporter(state, to: &writer)
        return writer.bytes
    }

    private static func writeProcesses(_ processes: [ProcessQueue], to writer: inout ExpositionWriter) {
        let family = MetricFamily.processQueueLength
        writer.write(family.header)
        for process in processes {
            writeIdentity(of: process, in: family, to: &writer)
            writer.write("\"} ")
            writer.write(process.length)
            writer.write("\n")
        }
    }

    /// `erlang_process_info{pid, current_function, status} 1` for every exported process, in the
    /// same order: what changes while a process runs, kept off its queue series.
    private static func writeInfo(_ processes: [ProcessQueue], to writer: inout ExpositionWriter) {
        let family = MetricFamily.processInfo
        writer.write(family.header)
        for process in processes {
            writer.write(family.name)
            writer.write("{pid=\"<0.")
            writer.write(process.pidNumber)
            writer.write(".0>\",current_function=\"")
            writer.write(process.currentFunctionBytes)
            writer.write("\",status=\"")
            writer.write(process.activity.statusBytes(queueLength: process.length))
            writer.write("\"} 1\n")
        }
    }

    /// `erlang_process_reductions_per_second` for every exported process, in the same order.
    private static func writeReductions(_ processes: [ProcessQueue], to writer: inout ExpositionWriter) {
        let family = MetricFamily.reductionsPerSecond
        writer.write(family.header)
        for process in processes {
            writeIdentity(of: process, in: family, to: &writer)
            writer.write("\"} ")
            writer.write(process.reductionsPerSecond)
            writer.write("\n")
        }
    }

    /// `name{pid="…",name="…",initial_call="…` — a process's series up to its last label's closing quote.
    private static func writeIdentity(of process: ProcessQueue, in family: MetricFamily, to writer: inout ExpositionWriter) {
        writer.write(family.name)
        writer.write("{pid=\"<0.")
        writer.write(process.pidNumber)
        writer.write(".0>\",name=\"")
        writer.write(process.role.nameBytes)
        writer.write("\",initial_call=\"")
        writer.write(process.role.initialCallBytes)
    }

    /// The three per-type families, each over the same top types.
    private static func writeTypes(_ types: [ProcessTypeQueues], to writer: inout ExpositionWriter) {
        let families: [(MetricFamily, KeyPath<ProcessTypeQueues, Int>)] = [
            (.typeQueueSum, \.sum), (.typeQueueMax, \.max), (.typeProcesses, \.processes),
        ]
        for (family, value) in families {
            writer.write(family.header)
            for type in types {
                writer.write(family.name)
                writer.write("{initial_call=\"")
                writer.write(Array(Labels.escape(type.initialCall).utf8))
                writer.write("\"} ")
                writer.write(type[keyPath: value])
                writer.write("\n")
            }
        }
    }

    private static func writeQueueSummary(_ queues: QueueSummary, to writer: inout ExpositionWriter) {
        writeGauge(.queueSum, queues.sum, to: &writer)
        writeGauge(.queueMax, queues.max, to: &writer)
        let family = MetricFamily.queueBucket
        writer.write(family.header)
        for (bucket, count) in queues.cumulativeCounts.enumerated() {
            writer.write(family.name)
            writer.write("{le=\"")
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
        writeGauge(.processCount, vm.processCount, to: &writer)
        writeGauge(.processLimit, vm.processLimit, to: &writer)
        writeGauge(.portCount, vm.portCount, to: &writer)
        writeGauge(.portLimit, vm.portLimit, to: &writer)
        writeGauge(.atomCount, vm.atomCount, to: &writer)
        writeGauge(.atomLimit, vm.atomLimit, to: &writer)
        writeGauge(.runQueues, vm.runQueueLength, to: &writer)
        writer.write(MetricFamily.memory.header)
        writeMemory("processes", vm.memory.processes, to: &writer)
        writeMemory("system", vm.memory.system, to: &writer)
        writeMemory("binary", vm.memory.binary, to: &writer)
        writeMemory("ets", vm.memory.ets, to: &writer)
        writeMemory("atom", vm.memory.atom, to: &writer)
        writeMemory("code", vm.memory.code, to: &writer)
        writeGauge(.schedulerUtilization, fixed: vm.schedulerUtilizationPermyriad, fractionDigits: 4, to: &writer)
    }

    /// The three `erlang_vm_dist_*` families, links in the same order in both labelled ones.
    private static func writeDistribution(_ links: [DistributionLink], to writer: inout ExpositionWriter) {
        for (family, busyFlag) in [(MetricFamily.distQueueBytes, false), (MetricFamily.distBusy, true)] {
            writer.write(family.header)
            for link in links {
                writer.write(family.name)
                writer.write("{peer=\"")
                writer.write(Array(Labels.escape(link.peer).utf8))
                writer.write("\"} ")
                writer.write(busyFlag ? (link.isBusy ? 1 : 0) : link.queuedBytes)
                writer.write("\n")
            }
        }
        writeGauge(.distBusyLimit, FleetSimulation.distributionBusyLimit, to: &writer)
    }

    private static func writeExporter(_ state: NodeState, to writer: inout ExpositionWriter) {
        writer.write(MetricFamily.nodeInfo.header)
        writer.write(MetricFamily.nodeInfo.name)
        writer.write("{node=\"")
        writer.write(Array(Labels.escape(state.nodeName).utf8))
        writer.write("\",otp_release=\"25\"} 1\n")
        writeGauge(.scanDuration, fixed: state.vm.scanDurationMicroseconds, fractionDigits: 6, to: &writer)
        writeGauge(.scanTimestamp, fixed: Int(state.scanTime.milliseconds), fractionDigits: 3, to: &writer)
    }

    private static func writeMemory(_ kind: StaticString, _ bytes: Int, to writer: inout ExpositionWriter) {
        writer.write(MetricFamily.memory.name)
        writer.write("{kind=\"")
        writer.write(kind)
        writer.write("\"} ")
        writer.write(bytes)
        writer.write("\n")
    }

    /// A family of one unlabelled sample.
    private static func writeGauge(_ family: MetricFamily, _ value: Int, to writer: inout ExpositionWriter) {
        writer.write(family.header)
        writer.write(family.name)
        writer.write(" ")
        writer.write(value)
        writer.write("\n")
    }

    /// A family of one unlabelled sample with a fixed number of decimals.
    private static func writeGauge(_ family: MetricFamily, fixed scaled: Int, fractionDigits: Int, to writer: inout ExpositionWriter) {
        writer.write(family.header)
        writer.write(family.name)
        writer.write(" ")
        writer.write(fixed: scaled, fractionDigits: fractionDigits)
        writer.write("\n")
    }
}
