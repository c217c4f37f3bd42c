import Dashboard

/// A seeded dashboard model of a large fleet for the render benchmark: every node and process
/// with a 30-sample history, values that move a little each poll cycle, and the ranking kept
/// (the agent's job, not the renderer's).
struct SyntheticDashboardFleet {
    static let historyLength = 30
    private var state: UInt64
    private(set) var model: DashboardModel

    init(nodes: Int, processes: Int, seed: UInt64 = 11) {
        state = seed
        model = .empty
        let nodeNames = (0..<nodes).map { "chat\($0)@host\($0 % 40)" }
        var rows: [ProcessRow] = []
        rows.reserveCapacity(processes)
        for index in 0..<processes {
            // Queue lengths fall off with rank, as a real top-K list's do.
            let queue = max(0, 60_000 / (index / 10 + 1))
            let identity = ProcessIdentity(node: nodeNames[index % nodes], pid: "<0.\(1000 + index).0>",
                                           name: index % 3 == 0 ? "worker_\(index)" : "")
            var recent: [Double] = []
            var value = Double(queue)
            for _ in 0..<Self.historyLength {
                recent.insert(value, at: 0)
                value = max(0, value * (1 - Double(next() % 61) / 1000))
            }
            rows.append(ProcessRow(process: identity, queueLength: queue, growthPerSecond: Double(index % 50 - 20), recent: recent,
                                   alertState: index < 3 ? .firing : index < 8 ? .pending : .inactive))
        }
        let nodeRows = nodeNames.enumerated().map { index, name in
            NodeRow(name: name, status: index % 97 == 5 ? .down(reason: "timed out after 800ms") : .up,
                    processCount: 50_000 + index, processLimit: 262_144, runQueue: index % 7, memoryBytes: 2.5e9,
                    schedulerUtilization: 0.4, queuedTotal: 1000 + index, scrapeMilliseconds: 12,
                    problems: index % 50 == 0 ? [.runQueue] : [],
                    history: NodeHistory(runQueue: Array(repeating: 1, count: Self.historyLength)))
        }
        let alerts = (0..<5).map { index in
            AlertRow(name: "BacklogHigh", labelsSummary: "instance=chat\(index):9199 name=worker_\(index * 3)",
                     state: index < 3 ? .firing : .pending, ageSeconds: Double(60 * index), deliveredTo: ["oncall"])
        }
        let header = FleetHeader(nodesUp: nodes - nodes / 97, nodesTotal: nodes, totalQueued: 0, alertsFiring: 3,
                                 pollIntervalSeconds: 1, lastCycleMilliseconds: 40)
        model = DashboardModel(header: header, processes: rows, nodes: nodeRows, alerts: alerts)
        advance()
    }

    /// One poll cycle: every queue takes a random step of up to ±3% and appends it to its
    /// history (`numbersOnly` leaves the histories alone, so only the figures change).
    mutating func advance(numbersOnly: Bool = false) {
        var total = 0
        for index in model.processes.indices {
            var row = model.processes[index]
            let step = Int((Double(row.queueLength) * (Double(next() % 61) - 30) / 1000).rounded())
            row.queueLength = max(0, row.queueLength + step)
            row.growthPerSecond = Double(step)
            if !numbersOnly {
                row.recent.removeFirst()
                row.recent.append(Double(row.queueLength))
            }
            total += row.queueLength
            model.processes[index] = row
        }
        for index in model.nodes.indices {
            model.nodes[index].runQueue = Int(next() % 12)
            model.nodes[index].queuedTotal = 1000 + Int(next() % 5000)
            model.nodes[index].scrapeMilliseconds = Double(8 + next() % 10)
            model.nodes[index].schedulerUtilization = Double(next() % 100) / 100
        }
        let top = model.processes[0]
        model.bottleneck = Bottleneck(process: top.process, queueLength: top.queueLength, growthPerSecond: top.growthPerSecond,
                                      threshold: 10_000, overThresholdSeconds: 125, recent: top.recent)
        model.header.totalQueued = total
        model.header.lastCycleMilliseconds = Double(30 + next() % 20)
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
