import Dashboard
import DashboardFeed
import Fleet
import Foundation
import TestSupport
import Testing
import TimeSeries

/// The process view's evidence, asked of a simulated fleet's `/process` over loopback.
@Suite struct ProcessEvidenceFeedTests {
    @Test func asksTheNodeOnceAndShowsTheVerdictAndStack() async throws {
        let clock = ManualClock()
        // A minute in, the default scenario's router on chat3 is blocked in a call while its mailbox grows.
        clock.advance(to: Timestamp(milliseconds: clock.epoch.milliseconds + 60_500))
        let server = FleetServer(config: FleetConfig(nodeCount: 3, basePort: 0, epoch: clock.epoch), clock: FleetClock(clock), threadCount: 1)
        try await server.start()
        let instance = "127.0.0.1:\(server.ports[2])"
        let response = try LoopbackConnection(port: server.ports[2]).get("/process?name=chat_router")
        let json = try JSONSerialization.jsonObject(with: Data(response.body))
        let pid = try #require((json as? [String: Any])?["pid"] as? String)
        let router = ProcessIdentity(node: "chat3@127.0.0.1", pid: pid, name: "chat_router", instance: instance)

        let feed = ProcessEvidenceFeed()
        #expect(feed.evidence(for: router, growthPerSecond: 150) == .fetching(from: instance))
        var shown: ProcessEvidenceSummary?
        #expect(waitUntil(timeout: 30) {
            if case .shown(let summary) = feed.evidence(for: router, growthPerSecond: 150) { shown = summary }
            return shown != nil
        })
        let summary = try #require(shown)
        #expect(summary.verdict == "stuck", "\(summary.verdictReason)")
        #expect(summary.status == "waiting")
        #expect(summary.stack.first?.hasPrefix("gen:do_call/4") == true, "\(summary.stack)")
        try await server.shutdown()
    }

    @Test func aNodeThatDoesNotAnswerIsSaidSo() {
        let port = LoopbackPort.unused()
        let gone = ProcessIdentity(node: "chat9@host", pid: "<0.1.0>", instance: "127.0.0.1:\(port)")
        let feed = ProcessEvidenceFeed()
        var reason = ""
        #expect(waitUntil(timeout: 30) {
            if case .unavailable(let why) = feed.evidence(for: gone, growthPerSecond: nil) { reason = why }
            return !reason.isEmpty
        })
        #expect(reason.hasPrefix("127.0.0.1:\(port) does not answer"), "\(reason)")
        // Without an address there is no one to ask.
        #expect(feed.evidence(for: ProcessIdentity(node: "chat9@host", pid: "<0.1.0>"), growthPerSecond: nil) == .notAsked)
    }
}
