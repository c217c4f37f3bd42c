@testable import Agent
import Alerting
import Foundation
import History
import Query
import Synchronization
import TestSupport
import Testing
import TimeSeries

/// A rule group slower than the poll interval runs off the poll path: polls keep their
/// schedule and inline alerts keep firing while it evaluates, and what it produced is stored
/// with its evaluation time and its alerts are delivered.
@Suite(.serialized) struct OffPathGroupTests {
    /// Holds every read of the `trend` group (the only rule that selects `name=~…`) until the
    /// test opens it, and counts the reads that waited.
    final class Gate: Sendable {
        let open = Mutex(false)
        let waiting = Mutex(0)
        private let released = DispatchSemaphore(value: 0)

        func pass(_ matchers: [LabelMatcher]) {
            guard matchers.contains(where: { $0.kind == .regexMatch }), !open.withLock({ $0 }) else { return }
            waiting.withLock { $0 += 1 }
            released.wait()
        }

        func release() {
            open.withLock { $0 = true }
            for _ in 0..<waiting.withLock({ $0 }) { released.signal() }
        }
    }

    /// The history, with reads of the slow group held at the gate.
    struct GatedReader: SeriesReader {
        let base: any SeriesReader
        let gate: Gate

        func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
            gate.pass(matchers)
            return try base.series(matching: matchers, from: from, through: through)
        }

        func latestSamples(
            matching matchers: [LabelMatcher], at time: Timestamp, lookback: PromDuration, keep: (Double) -> Bool
        ) throws -> [LatestSample] {
            gate.pass(matchers)
            return try base.latestSamples(matching: matchers, at: time, lookback: lookback, keep: keep)
        }
    }

    static let rules = """
        groups:
          - name: backlog
            rules:
              - alert: HighBacklog
                expr: backlog_test_queue > 10000
                for: 0s
                labels: {severity: page}
          - name: trend
            interval: 1s
            rules:
              - record: trend:queue_doubled
                expr: backlog_test_queue{name=~"r.*"} * 2
              - alert: TrendBacklog
                expr: trend:queue_doubled > 30000
                for: 0s
                labels: {severity: page}
        """

    @Test func pollsKeepTheirScheduleWhileASlowGroupRunsAndItsResultsLandLater() async throws {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig()
        try Self.rules.write(toFile: "\(fixture.directory)/rules.yml", atomically: true, encoding: .utf8)
        let gate = Gate()
        let runtime = AgentRuntime(
            config: config, logger: fixture.logger, clock: fixture.clock,
            ruleReader: { store, spans in GatedReader(base: HistorySeriesReader(store, spans: spans), gate: gate) })
        let trend = Labels(["file": "\(fixture.directory)/rules.yml", "rule_group": "trend"])
        let start = fixture.clock.now()

        await fixture.start(runtime)
        try await waitUntil("the trend group started after the first cycle") { gate.waiting.withLock { $0 } == 1 }
        // Two seconds of polls while the trend group is held: two of its ticks pass.
        for _ in 0..<10 { await fixture.step() }
        #expect(DeliveryFixture.figure(runtime, "backlog_cycles_total") == 11)
        #expect(DeliveryFixture.figure(runtime, "backlog_store_appends_total") == 11)
        #expect(DeliveryFixture.figure(runtime, "backlog_missed_ticks_total") == 0)
        #expect(runtime.metrics.value(.ruleGroupIterationsMissed, labels: trend) == 2)
        #expect(runtime.metrics.value(.ruleGroupOffPollPath, labels: trend) == 1)
        #expect(runtime.alerts.map(\.ruleName) == ["HighBacklog"], "the inline group fired; the trend group has not finished")
        try await waitUntil("inline alerts delivered meanwhile") { fixture.notifications.contains { Self.alertNames($0) == ["HighBacklog"] } }

        gate.release()
        try await waitUntil("the trend group finished") { runtime.metrics.value(.ruleGroupLastEvaluation, labels: trend) == start.seconds }
        #expect(runtime.metrics.value(.ruleGroupLastDuration, labels: trend) == 2, "two seconds on the agent's clock")
        await fixture.step()
        let store = try #require(runtime.apiStore)
        let recorded = try store.select([.equal("__name__", "trend:queue_doubled")], from: start, through: fixture.clock.now())
        #expect(recorded.first?.timestamps == [start.milliseconds], "stored with its evaluation time, the first cycle's")
        #expect(recorded.first?.values == [40_000])
        let alertSeries = try store.select([.equal("__name__", "ALERTS"), .equal("alertname", "TrendBacklog")], from: start, through: fixture.clock.now())
        #expect(alertSeries.first?.timestamps == [start.milliseconds])
        #expect(runtime.ruleStatus?.alerts.map(\.ruleName) == ["HighBacklog", "TrendBacklog"])
        try await fixture.advance(until: "the trend alert delivered") {
            fixture.notifications.contains { Self.alertNames($0) == ["TrendBacklog"] }
        }
        runtime.stop()
        await fixture.shutdown()
        let saved = try #require(try FileAlertStatePersistence(path: config.historyPath + ".alerts.json").load())
        #expect(saved.rules.map(\.rule).contains { $0.contains("TrendBacklog") }, "saved with the inline group's alerts")
        #expect(saved.alertCount == 2)
    }

    @Test func aReloadMovesGroupsOntoAndOffThePathAndDropsTheFiguresOfGroupsGone() async throws {
        let fixture = try await DeliveryFixture.start()
        let config = try fixture.writeConfig()
        let rulesPath = "\(fixture.directory)/rules.yml"
        try Self.rules.write(toFile: rulesPath, atomically: true, encoding: .utf8)
        let runtime = fixture.runtime(config)
        let trend = Labels(["file": rulesPath, "rule_group": "trend"])
        let backlog = Labels(["file": rulesPath, "rule_group": "backlog"])
        await fixture.start(runtime)
        try await waitUntil("the trend group ran") { runtime.metrics.value(.ruleGroupLastEvaluation, labels: trend) != 0 }
        #expect(runtime.metrics.value(.ruleGroupOffPollPath, labels: trend) == 1)

        // The trend group now every poll, so inline; the backlog group renamed, so gone.
        try Self.rules.replacingOccurrences(of: "interval: 1s", with: "interval: 200ms")
            .replacingOccurrences(of: "name: backlog", with: "name: thresholds")
            .write(toFile: rulesPath, atomically: true, encoding: .utf8)
        await fixture.step()
        #expect(runtime.metrics.value(.ruleGroupOffPollPath, labels: trend) == 0)
        #expect(runtime.metrics.value(.ruleGroupInterval, labels: trend) == 0.2)
        let evaluatedBefore = runtime.metrics.value(.ruleGroupLastEvaluation, labels: trend)
        await fixture.step()
        #expect(runtime.metrics.value(.ruleGroupLastEvaluation, labels: trend) != evaluatedBefore, "evaluated inline with the cycle")
        #expect(runtime.metrics.value(.ruleGroupOffPollPath, labels: backlog) == nil)
        #expect(runtime.metrics.value(.ruleGroupOffPollPath, labels: Labels(["file": rulesPath, "rule_group": "thresholds"])) == 0)
        #expect(runtime.ruleStatus?.rules.groups.map(\.name) == ["thresholds", "trend"])
        #expect(runtime.ruleStatus?.alerts.map(\.ruleName) == ["HighBacklog", "TrendBacklog"], "the trend alert kept across the move")
        runtime.stop()
        await fixture.shutdown()
    }

    static func alertNames(_ notification: [String: Any]) -> [String] {
        ((notification["alerts"] as? [[String: Any]]) ?? []).compactMap { ($0["labels"] as? [String: String])?["alertname"] }
    }
}
