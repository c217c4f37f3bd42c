import Fleet
import Foundation
import TestSupport
import Testing
import TimeSeries

/// `/process` on the simulated fleet: the exporter's answers for its simulated processes.
@Suite struct ProcessEvidenceEndpointTests {
    func startFleet(at second: Int) async throws -> FleetServer {
        let clock = ManualClock()
        clock.set(secondsAfterEpoch: second)
        let server = FleetServer(config: FleetConfig(nodeCount: 3, basePort: 0, epoch: clock.epoch), clock: clock.fleetClock, threadCount: 1)
        try await server.start()
        return server
    }

    func evidence(_ port: Int, _ query: String) throws -> (status: Int, json: [String: Any]) {
        let response = try LoopbackConnection(port: port).get("/process?" + query)
        let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        #expect(response.headers["content-type"] == "application/json")
        return (response.status, json)
    }

    @Test func theStuckRouterWaitsInDoCallDoingNextToNothing() async throws {
        let server = try await startFleet(at: 60)
        let (status, json) = try evidence(server.ports[2], "name=chat_router")
        #expect(status == 200)
        #expect(json["status"] as? String == "waiting" && json["node"] as? String == "chat3@127.0.0.1")
        #expect(json["current_function"] as? String == "gen:do_call/4")
        let frames = try #require(json["current_stacktrace"] as? [[String: Any]])
        #expect(frames.first?["module"] as? String == "gen" && frames.first?["function"] as? String == "do_call")
        #expect((json["reductions_per_second"] as? Int ?? 99) <= 5)
        #expect((json["message_queue_len"] as? Int ?? 0) > 8_000)
        #expect(json["memory"] == nil || (json["message_queue_len"] as? Int ?? 0) <= 10_000)

        // The same router elsewhere keeps up; by pid it answers the same as by name.
        let (_, healthy) = try evidence(server.ports[0], "name=chat_router")
        #expect(healthy["current_function"] as? String == "gen_server:loop/7")
        let pid = try #require(json["pid"] as? String)
        let (_, byPid) = try evidence(server.ports[2], "pid=" + pid.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E"))
        #expect(byPid["registered_name"] as? String == "chat_router")
        try await server.shutdown()
    }

    @Test func theRouterDrainsRunningFlatOut() async throws {
        let server = try await startFleet(at: 168)
        let (_, json) = try evidence(server.ports[2], "name=chat_router")
        #expect(json["status"] as? String == "runnable")
        #expect((json["reductions_per_second"] as? Int ?? 0) >= 250_000)
        try await server.shutdown()
    }

    @Test func errorsAreTheExportersErrors() async throws {
        let server = try await startFleet(at: 10)
        let port = server.ports[0]
        #expect(try evidence(port, "pid=%3C0.abc.0%3E") == (400, "malformed pid <0.abc.0>: expected <0.N.M>, e.g. <0.123.0>"))
        #expect(try evidence(port, "pid=0.32767.0") == (404, "no process <0.32767.0> on chat1@127.0.0.1: it has exited, or never existed"))
        #expect(try evidence(port, "name=nobody") == (404, "no process registered as nobody on chat1@127.0.0.1"))
        #expect(try evidence(port, "") == (400, "give exactly one of pid=<0.123.0> or name=registered_name"))
        try await server.shutdown()
    }
}

private func == (answer: (status: Int, json: [String: Any]), expected: (Int, String)) -> Bool {
    answer.status == expected.0 && answer.json["error"] as? String == expected.1
}
