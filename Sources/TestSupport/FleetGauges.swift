public import TimeSeries

/// A seeded, fleet-shaped set of gauges for storage tests and benchmarks: per node, mailboxes that are
/// idle, quiet (0–5), bursty (a few hundred that drain in seconds) or constant, one backlog that
/// grows steadily, and VM gauges (memory bytes with noise, scheduler utilization, run queue, counts).
public struct FleetGauges {
    enum Kind { case idle, quiet, bursty, constant, growing, memory, utilization, runQueue, processCount }

    private var state: UInt64
    private var series: [(labels: Labels, kind: Kind, value: Double)] = []

    public init(nodes: Int, seed: UInt64 = 7) {
        state = seed
        for node in 0..<nodes { addNode("chat\(node):9199") }
    }

    public var seriesCount: Int { series.count }

    private mutating func addNode(_ instance: String) {
        func add(_ name: String, _ kind: Kind, _ value: Double, _ extra: [String: String] = [:]) {
            var labels = extra
            labels[Labels.metricName] = name
            labels["job"] = "chat"
            labels["instance"] = instance
            series.append((Labels(labels), kind, value))
        }
        let mailboxes: [Kind] = Array(repeating: .idle, count: 12) + Array(repeating: .quiet, count: 12)
            + Array(repeating: .bursty, count: 8) + Array(repeating: .constant, count: 7) + [.growing]
        for (index, kind) in mailboxes.enumerated() {
            add("erlang_process_message_queue_len", kind, kind == .constant ? Double(index % 3) : 0,
                ["pid": "<0.\(100 + index).0>", "name": index % 4 == 0 ? "worker_\(index)" : "",
                 "initial_call": "proc_lib:init_p/5"])
        }
        for kind in ["processes", "system", "binary", "ets"] {
            add("erlang_vm_memory_bytes_total", .memory, 200_000_000, ["kind": kind])
        }
        for kind in ["atom", "code"] { add("erlang_vm_memory_bytes_total", .constant, 30_000_000, ["kind": kind]) }
        add("erlang_vm_scheduler_utilization", .utilization, 0.5)
        add("erlang_vm_statistics_run_queues_length", .runQueue, 0)
        add("erlang_vm_process_count", .processCount, 5000)
        add("erlang_vm_process_limit", .constant, 262_144)
        add("erlang_vm_atom_count", .constant, 40_000)
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private mutating func below(_ limit: Int) -> Int { Int(next() % UInt64(limit)) }

    /// One scrape cycle's samples, stamped `time`.
    public mutating func cycle(at time: Timestamp) -> [Sample] {
        var samples: [Sample] = []
        samples.reserveCapacity(series.count)
        for index in series.indices {
            var value = series[index].value
            switch series[index].kind {
            case .idle: value = below(100) < 3 ? Double(1 + below(2)) : 0
            case .quiet: value = Double(min(below(6), below(6)))
            case .bursty:
                if value > 20 {
                    value = (value / 3).rounded(.down)
                } else {
                    value = below(100) < 2 ? Double(100 + below(300)) : Double(below(4))
                }
            case .constant: break
            case .growing: value += Double(2 + below(3))
            case .memory: value = 200_000_000 + Double(below(2_000_000))
            case .utilization: value = Double(below(10_000)) / 10_000
            case .runQueue: value = Double(min(below(4), below(4)))
            case .processCount: value += Double(below(3)) - 1
            }
            series[index].value = value
            samples.append(Sample(labels: series[index].labels, value: value, timestamp: time))
        }
        return samples
    }
}
