import TestSupport
import Query
import TimeSeries

/// The series the rule benchmark evaluates over: a fleet of 5,000 nodes as the exporter
/// reports them, 200 processes each (1,000,000 `erlang_process_message_queue_len` series), plus
/// every node's VM gauges, `erlang_node_info` and `up`. Each series holds its last 8 samples
/// 15 s apart, enough for `deriv(…[1m])` and `predict_linear(…[5m], …)` without gigabytes.
enum RuleBenchmarkFleet {
    static let nodes = 5000
    static let processesPerNode = 200
    static let jobs = 100
    static let samples = 8
    static let step: Int64 = 15_000
    static let now: Int64 = 1_700_000_000_000

    /// The first `count` nodes' series; the same for those nodes whatever the count, since nodes are drawn in order.
    static func series(nodes count: Int = nodes) -> [StoredSeries] {
        var random = SplitMix64(seed: 42)
        var out: [StoredSeries] = []
        out.reserveCapacity(count * (processesPerNode + 20))
        let times = (0..<samples).map { now - Int64(samples - 1 - $0) * step }
        // Shared strings, as a store hands out the same label values many times.
        let queueName = "erlang_process_message_queue_len"
        let initialCalls = ["proc_lib:init_p/5", "erlang:apply/2", "ranch_conns_sup:init/4", "cowboy_stream_h:request_process/3"]
        for node in 0..<count {
            let job = "chat_\(node % jobs)"
            let instance = "node-\(node):9199"
            for process in 0..<processesPerNode {
                var labels = [
                    Label(Labels.metricName, queueName), Label("job", job), Label("instance", instance),
                    Label("pid", "<0.\(process * 7 + 100).0>"),
                    Label("initial_call", initialCalls[process % initialCalls.count]),
                ]
                // The draw that once picked a current function: the queue values stay those of earlier runs.
                _ = random.next()
                if process % 3 == 0 { labels.append(Label("name", "worker_\(process)")) }
                out.append(StoredSeries(labels: Labels(labels), timestamps: times, values: queueValues(&random)))
            }
            out += gauges(job: job, instance: instance, node: node, times: times, random: &random)
        }
        return out
    }

    /// Mostly short queues; one process in 10,000 holds a large backlog, one in 5,000 grows fast.
    private static func queueValues(_ random: inout SplitMix64) -> [Double] {
        let kind = random.next() % 10_000
        let base = Double(random.next() % 200)
        switch kind {
        case 0: return (0..<samples).map { _ in 20_000 + base }
        case 1, 2: return (0..<samples).map { base + Double($0) * 3_000 }
        default: return (0..<samples).map { _ in Double(random.next() % 300) }
        }
    }

    private static func gauges(job: String, instance: String, node: Int, times: [Int64], random: inout SplitMix64) -> [StoredSeries] {
        func gauge(_ name: String, _ value: Double, _ extra: [Label] = []) -> StoredSeries {
            StoredSeries(
                labels: Labels([Label(Labels.metricName, name), Label("job", job), Label("instance", instance)] + extra),
                timestamps: times, values: Array(repeating: value, count: times.count))
        }
        // A few nodes in trouble, as in a healthy fleet: 1 in 100 with a large total backlog,
        // 1 in 200 near its process limit, 1 in 500 with long run queues.
        let troubled = { (every: Int) in node % every == every / 2 }
        var out = [
            gauge("up", node % 1000 == 7 ? 0 : 1),
            gauge("erlang_node_info", 1, [Label("node", "chat@host\(node)"), Label("otp_release", "26")]),
            gauge("erlang_vm_message_queue_len_sum", Double(random.next() % 50_000) + (troubled(100) ? 150_000 : 0)),
            gauge("erlang_vm_message_queue_len_max", Double(random.next() % 30_000)),
            gauge("erlang_vm_process_count", Double(20_000 + random.next() % 150_000) + (troubled(200) ? 80_000 : 0)),
            gauge("erlang_vm_process_limit", 262_144),
            gauge("erlang_vm_port_count", Double(random.next() % 10_000)),
            gauge("erlang_vm_port_limit", 65_536),
            gauge("erlang_vm_atom_count", Double(30_000 + random.next() % 10_000)),
            gauge("erlang_vm_atom_limit", 1_048_576),
            gauge("erlang_vm_statistics_run_queues_length", Double(random.next() % 60) + (troubled(500) ? 150 : 0)),
            gauge("erlang_vm_scheduler_utilization", Double(random.next() % 100) / 100),
        ]
        for kind in ["processes", "system", "binary", "ets", "atom", "code"] {
            out.append(gauge("erlang_vm_memory_bytes_total", Double(random.next() % (8 << 30)), [Label("kind", kind)]))
        }
        return out
    }
}
