import Dashboard

/// Small, fixed models for view tests: three nodes (one down), four processes, two alerts.
enum SampleModel {
    static let router = ProcessIdentity(node: "chat7@host", pid: "<0.812.0>", name: "chat_router")

    static var bottleneck: Bottleneck {
        Bottleneck(process: router, queueLength: 48_210, growthPerSecond: 1200, threshold: 10_000, overThresholdSeconds: 120,
                   recent: [1000, 5000, 12_000, 20_000, 31_000, 40_000, 48_210])
    }

    static var processes: [ProcessRow] {
        [
            ProcessRow(process: router, queueLength: 48_210, peakQueueLength: 48_210, growthPerSecond: 1200, recent: [1000, 12_000, 31_000, 48_210],
                       alertState: .firing),
            ProcessRow(process: ProcessIdentity(node: "chat3@host", pid: "<0.99.0>", name: "presence"), queueLength: 9_120,
                       peakQueueLength: 9_120, growthPerSecond: 310, recent: [8000, 8500, 9120], alertState: .pending),
            ProcessRow(process: ProcessIdentity(node: "chat7@host", pid: "<0.1203.0>"), queueLength: 2_004,
                       peakQueueLength: 2_100, growthPerSecond: -15, recent: [2100, 2050, 2004]),
            ProcessRow(process: ProcessIdentity(node: "chat1@host", pid: "<0.77.0>", name: "muc_room_42"), queueLength: 1_500,
                       peakQueueLength: 1_500, growthPerSecond: 0, recent: [1500, 1500, 1500]),
        ]
    }

    static var nodes: [NodeRow] {
        [
            NodeRow(name: "chat7@host", processCount: 120_000, processLimit: 262_144, runQueue: 48, memoryBytes: 3.4 * 1_073_741_824,
                    schedulerUtilization: 0.93, queuedTotal: 50_214, scrapeMilliseconds: 12, problems: [.runQueue, .queued],
                    history: NodeHistory(runQueue: [2, 8, 20, 48], memoryBytes: [3e9, 3.2e9, 3.6e9], schedulerUtilization: [0.5, 0.8, 0.93],
                                         queuedTotal: [2000, 20_000, 50_214], scrapeMilliseconds: [10, 11, 12])),
            NodeRow(name: "chat3@host", processCount: 80_000, processLimit: 262_144, runQueue: 2, memoryBytes: 1.5 * 1_073_741_824,
                    schedulerUtilization: 0.41, queuedTotal: 9_120, scrapeMilliseconds: 9),
            NodeRow(name: "chat1@host", status: .down(reason: "connection refused")),
        ]
    }

    static var alerts: [AlertRow] {
        [
            AlertRow(name: "BacklogHigh", labelsSummary: "instance=chat7 name=chat_router", state: .firing, ageSeconds: 130,
                     deliveredTo: ["oncall"]),
            AlertRow(name: "NodeDown", labelsSummary: "instance=chat1", state: .pending, ageSeconds: 20),
        ]
    }

    static var header: FleetHeader {
        FleetHeader(nodesUp: 2, nodesTotal: 3, totalQueued: 59_334, alertsFiring: 1, pollIntervalSeconds: 1, lastCycleMilliseconds: 12)
    }

    static var model: DashboardModel {
        DashboardModel(header: header, bottleneck: bottleneck, processes: processes, nodes: nodes, alerts: alerts)
    }
}
