import TimeSeries

/// Mailbox and VM gauges shaped like the simulated fleet's, from a fixed seed: idle and quiet
/// mailboxes, bursty ones that drain, constants, one growing backlog, and noisy VM gauges.
struct FleetLikeWorkload {
    private var random: UInt64
    private var series: [(labels: Labels, kind: Kind, value: Double)] = []

    enum Kind { case idle, quiet, bursty, constant, growing, memory, utilization, runQueue, processCount }

    init(nodes: Int, seed: UInt64 = 42) {
        random = seed
        for node in 0..<nodes {
            let instance = "chat\(node):9199"
            func add(_ name: String, _ kind: Kind, _ value: Double, _ extra: [String: String] = [:]) {
                var labels = extra
                labels["__name__"] = name
                labels["job"] = "chat"
                labels["instance"] = instance
                series.append((Labels(labels), kind, value))
            }
            let kinds: [Kind] = Array(repeating: .idle, count: 12) + Array(repeating: .quiet, count: 12)
                + Array(repeating: .bursty, count: 8) + Array(repeating: .constant, count: 7) + [.growing]
            for (index, kind) in kinds.enumerated() {
                add("erlang_process_message_queue_len", kind, kind == .constant ? Double(index % 3) : 0,
                    ["pid": "<0.\(100 + index).0>", "name": index % 4 == 0 ? "worker_\(index)" : "",
                     "initial_call": "proc_lib:init_p/5", "current_function": "gen_server:loop/7"])
            }
            for kind in ["processes", "system", "binary", "ets", "atom", "code"] {
                add("erlang_vm_memory_bytes_total", kind == "atom" || kind == "code" ? .constant : .memory, 200_000_000,
                    ["kind": kind])
            }
            add("erlang_vm_scheduler_utilization", .utilization, 0.5)
            add("erlang_vm_statistics_run_queues_length", .runQueue, 0)
            add("erlang_vm_process_count", .processCount, 5000)
            add("erlang_vm_process_limit", .constant, 262_144)
            add("erlang_vm_atom_count", .constant, 40_000)
        }
    }

    var seriesCount: Int { series.count }

    private mutating func next() -> UInt64 {
        random &+= 0x9E37_79B9_7F4A_7C15
        var mixed = random
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    private mutating func below(_ limit: Int) -> Int { Int(next() % UInt64(limit)) }

    /// The samples of one scrape cycle at `second`.
    mutating func cycle(at second: Int64) -> [Sample] {
        let time = Timestamp(milliseconds: 1_700_000_000_000 + second * 1000)
        var samples: [Sample] = []
        samples.reserveCapacity(series.count)
        for index in series.indices {
            var value = series[index].value
            switch series[index].kind {
            case .idle: value = below(100) < 3 ? Double(1 + below(2)) : 0
            case .quiet: value = Double(min(below(6), below(6)))
            case .bursty:
                if value > 20 { value = (value / 3).rounded(.down) } else if below(100) < 2 { value = Double(100 + below(300)) } else { value = Double(below(4)) }
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
