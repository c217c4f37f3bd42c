import Fleet
import TestSupport
import Testing
import TimeSeries

/// The fleet over real loopback sockets, with a hand-moved clock instead of sleeps.
@Suite struct FleetServerTests {
    func startFleet(nodes: Int, at second: Int, clock: ManualClock = ManualClock()) async throws -> (FleetServer, ManualClock) {
        clock.set(secondsAfterEpoch: second)
        let server = FleetServer(
            config: FleetConfig(nodeCount: nodes, basePort: 0, processesPerNode: 500, epoch: clock.epoch),
            clock: clock.fleetClock, threadCount: 1
        )
        try await server.start()
        return (server, clock)
    }

    @Test func servesEachNodesBodyOverHTTP() async throws {
        let (server, _) = try await startFleet(nodes: 3, at: 95)
        let simulation = try #require(server.simulation)
        #expect(server.ports.count == 3)
        #expect(server.targets.allSatisfy { $0.hasPrefix("127.0.0.1:") })
        for (node, port) in server.ports.enumerated() {
            let response = try LoopbackConnection(port: port).get("/metrics")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.body == NodeExposition.render(simulation.nodeState(node, atSecond: 95)))
        }
        try await server.shutdown()
    }

    @Test func otherPathsAndMethodsAreRefused() async throws {
        let (server, _) = try await startFleet(nodes: 1, at: 0)
        let connection = try LoopbackConnection(port: server.ports[0])
        #expect(try connection.get("/").status == 404)
        #expect(try connection.get("/metricsx").status == 404)
        #expect(try connection.get("/metrics", method: "POST").status == 405)
        #expect(try connection.get("/metrics?debug=1").status == 200, "a query string does not change the path")
        try await server.shutdown()
    }

    @Test func keepsConnectionsAliveUnlessAskedToClose() async throws {
        let (server, clock) = try await startFleet(nodes: 2, at: 10)
        let connection = try LoopbackConnection(port: server.ports[1])
        let first = try connection.get("/metrics")
        clock.set(secondsAfterEpoch: 11)
        let second = try connection.get("/metrics")
        #expect(first.status == 200 && second.status == 200)
        #expect(first.body != second.body, "a new second, a new scan")
        let last = try connection.get("/metrics", closeAfter: true)
        #expect(last.headers["connection"] == "close")
        #expect(connection.isClosedByPeer())
        try await server.shutdown()
    }

    @Test func theDownNodeRefusesConnectionsThenComesBackOnItsPort() async throws {
        let (server, clock) = try await startFleet(nodes: 5, at: 30)
        let port = server.ports[4]
        let keptAlive = try LoopbackConnection(port: port)
        #expect(try keptAlive.get("/metrics").status == 200)

        clock.set(secondsAfterEpoch: 70)
        await server.updateListeners()
        #expect(throws: LoopbackConnection.Failure.refused) { try LoopbackConnection(port: port) }
        #expect(keptAlive.isClosedByPeer(), "a dead node drops its open connections too")
        #expect(try LoopbackConnection(port: server.ports[3]).get("/metrics").status == 200, "other nodes keep serving")

        clock.set(secondsAfterEpoch: 95)
        await server.updateListeners()
        #expect(server.ports[4] == port)
        #expect(try LoopbackConnection(port: port).get("/metrics").status == 200)
        try await server.shutdown()
    }

    @Test func aNodeThatStartsDownStillOwnsItsPort() async throws {
        let (server, clock) = try await startFleet(nodes: 5, at: 75)
        let port = server.ports[4]
        #expect(port > 0)
        #expect(throws: LoopbackConnection.Failure.refused) { try LoopbackConnection(port: port) }
        clock.set(secondsAfterEpoch: 91)
        await server.updateListeners()
        #expect(try LoopbackConnection(port: port).get("/metrics").status == 200)
        try await server.shutdown()
    }

    @Test func aTakenPortFailsTheStartByNameAndLeavesNothingBound() async throws {
        let (running, _) = try await startFleet(nodes: 1, at: 0)
        let taken = running.ports[0]
        let other = FleetServer(config: FleetConfig(nodeCount: 1, basePort: taken), threadCount: 1)
        await #expect {
            try await other.start()
        } throws: { error in
            guard case .portInUse(_, let port, let node) = error as? FleetServerError else { return false }
            return port == taken && node == "chat1@127.0.0.1"
                && String(describing: error).contains("port \(taken)")
        }
        #expect(other.ports.isEmpty)
        #expect(try LoopbackConnection(port: taken).get("/metrics").status == 200, "the first fleet is untouched")
        try await running.shutdown()
    }

    @Test func anInvalidConfigFailsTheStart() async throws {
        let server = FleetServer(config: FleetConfig(nodeCount: 0), threadCount: 1)
        await #expect(throws: FleetServerError.self) { try await server.start() }
    }

    @Test func startsOnceAndShutsDownCleanly() async throws {
        let (server, _) = try await startFleet(nodes: 1, at: 0)
        await #expect(throws: FleetServerError.self) { try await server.start() }
        let port = server.ports[0]
        try await server.shutdown()
        try await server.shutdown()
        #expect(throws: LoopbackConnection.Failure.refused) { try LoopbackConnection(port: port) }
    }
}
