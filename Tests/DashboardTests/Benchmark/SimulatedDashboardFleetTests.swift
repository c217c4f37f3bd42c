@testable import backlog_bench
import Dashboard
import Testing

/// The render benchmark's simulated fleet: the same polls must give the same frames, and its
/// sizes must be what the benchmark says it measures.
@Suite struct SimulatedDashboardFleetTests {
    static let nodes = 12

    static func polled(through second: Int) -> SimulatedDashboardFleet {
        var fleet = SimulatedDashboardFleet(nodes: nodes, processesPerNode: 20)
        fleet.poll(seconds: 0..<(second + 1))
        return fleet
    }

    @Test func samePollsGiveTheSameModelAndFrame() {
        let first = Self.polled(through: 25).model
        let second = Self.polled(through: 25).model
        #expect(first == second)
        let state = DashboardState()
        #expect(DashboardScreen(model: first, state: state).render(width: 200, height: 60)
                == DashboardScreen(model: second, state: state).render(width: 200, height: 60))
    }

    @Test func everyNodeExportsItsTwentyProcesses() {
        // Before chat_router stalls at 5 s.
        let model = Self.polled(through: 4).model
        #expect(model.nodes.count == Self.nodes)
        #expect(model.header.nodesUp == Self.nodes)
        #expect(model.processes.count == Self.nodes * 20)
        // Polled every second from 0: each process row's sparkline has a sample per poll.
        #expect(model.processes.allSatisfy { $0.recent.count == 5 })
    }

    /// Sessions have no registered name: each row names one by its type and pid.
    @Test func unregisteredProcessesAreNamedByTypeAndPid() {
        let names = Self.polled(through: 10).model.processes.map(\.process.displayName)
        #expect(names.contains { $0.wholeMatch(of: #/chat_session:init\/1 <0\.\d+\.0>/#) != nil }, "\(names)")
        #expect(!names.contains { $0.hasPrefix("<") }, "no bare pid")
    }

    @Test func theScenarioPlaysOut() {
        // 70 s in: chat_router on chat3 has been growing ~150/s since 5 s, and chat5 is down.
        let model = Self.polled(through: 70).model
        #expect(model.bottleneck?.process.name == "chat_router")
        #expect(model.bottleneck?.process.node == "chat3@127.0.0.1")
        #expect((9_000...10_000).contains(model.bottleneck?.queueLength ?? 0))
        // Its exporter's readings say why: waiting, next to no reductions, since the stall began.
        let reason = model.bottleneck?.reason ?? ""
        #expect(reason.contains("— stuck in gen:do_call/4 for 1m"), "\(reason)")
        #expect(model.header.nodesUp == Self.nodes - 1)
        #expect(!model.nodes[4].status.isUp)
    }
}
