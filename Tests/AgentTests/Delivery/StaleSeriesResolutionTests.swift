import Agent
import Foundation
import TestSupport
import Testing

/// A process whose series leaves the exposition (its mailbox drained, or its labels changed)
/// resolves its alert within a cycle or two, because the agent stores a staleness marker for it;
/// without one the last value would stand for the five-minute lookback and the alert with it.
@Suite(.serialized) struct StaleSeriesResolutionTests {
    /// Starts an agent whose alert fires, does `end` to its series, and returns how long the
    /// resolved notification took after it, with the stopped agent.
    func resolution(_ end: (DeliveryFixture, AgentRuntime, AgentConfig) -> Void) async throws -> (took: Duration, runtime: AgentRuntime) {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig()
        let runtime = AgentRuntime(config: config, logger: fixture.logger)
        runtime.start()
        try await DeliveryFixture.waitUntil("a firing notification") {
            fixture.notifications.contains { $0["status"] as? String == "firing" }
        }
        end(fixture, runtime, config)
        let ended = ContinuousClock.now
        try await DeliveryFixture.waitUntil(seconds: 8, "a resolved notification") {
            fixture.notifications.contains { $0["status"] as? String == "resolved" }
        }
        let took = ContinuousClock.now - ended
        runtime.stop()
        await fixture.shutdown()
        return (took, runtime)
    }

    @Test func anAlertResolvesSoonAfterItsSeriesDisappears() async throws {
        let (took, runtime) = try await resolution { fixture, _, _ in fixture.setNames([]) }
        #expect(took < .seconds(8), "resolved \(took) after the series left; the lookback alone is 5 minutes")
        #expect(DeliveryFixture.figure(runtime, "backlog_alerts_firing") == 0)
    }

    /// A target taken out of the config ends its series the same way, as Prometheus does for a
    /// dropped target: its alert resolves instead of standing on the target's last values.
    @Test func anAlertResolvesSoonAfterItsTargetIsRemovedFromTheConfig() async throws {
        let (took, _) = try await resolution { _, runtime, config in
            var without = config
            without.scrape.groups = without.scrape.groups.map { group in
                var group = group
                group.endpoints = ["127.0.0.1:\(LoopbackPort.unused())"]
                return group
            }
            runtime.reload(without)
        }
        #expect(took < .seconds(8), "resolved \(took) after the target was removed; the lookback alone is 5 minutes")
    }
}
