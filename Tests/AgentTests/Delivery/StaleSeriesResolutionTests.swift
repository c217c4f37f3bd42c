import Agent
import Foundation
import TestSupport
import Testing

/// A process whose series leaves the exposition (its mailbox drained, or its labels changed)
/// resolves its alert within a cycle or two, because the agent stores a staleness marker for it;
/// without one the last value would stand for the five-minute lookback and the alert with it.
@Suite(.serialized) struct StaleSeriesResolutionTests {
    /// Starts an agent whose alert fires, does `end` to its series, waits for the resolved
    /// notification, and returns the stopped agent. The wait's deadline is far inside the
    /// five-minute lookback, so only a staleness marker can resolve the alert in time.
    func resolution(_ end: (DeliveryFixture, AgentRuntime, AgentConfig) -> Void) async throws -> AgentRuntime {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig()
        let runtime = AgentRuntime(config: config, logger: fixture.logger)
        runtime.start()
        try await DeliveryFixture.waitUntil("a firing notification") {
            fixture.notifications.contains { $0["status"] as? String == "firing" }
        }
        end(fixture, runtime, config)
        try await DeliveryFixture.waitUntil(seconds: 60, "a resolved notification") {
            fixture.notifications.contains { $0["status"] as? String == "resolved" }
        }
        runtime.stop()
        await fixture.shutdown()
        return runtime
    }

    @Test func anAlertResolvesSoonAfterItsSeriesDisappears() async throws {
        let runtime = try await resolution { fixture, _, _ in fixture.setNames([]) }
        #expect(DeliveryFixture.figure(runtime, "backlog_alerts_firing") == 0)
    }

    /// A target taken out of the config ends its series the same way, as Prometheus does for a
    /// dropped target: its alert resolves instead of standing on the target's last values.
    @Test func anAlertResolvesSoonAfterItsTargetIsRemovedFromTheConfig() async throws {
        _ = try await resolution { _, runtime, config in
            var without = config
            without.scrape.groups = without.scrape.groups.map { group in
                var group = group
                group.endpoints = ["127.0.0.1:\(LoopbackPort.unused())"]
                return group
            }
            runtime.reload(without)
        }
    }
}
