@testable import backlog
import Foundation
import Ranking
import Testing

/// `watch --config` over a backlog.yml with `source:` takes its interval and backlog metrics too.
@Suite struct SourceSettingsConfigTests {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "backlog-source-\(UUID().uuidString).yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsTheBacklogMetricsTheDashboardRanks() throws {
        let path = try write("""
            source: http://127.0.0.1:8428
            interval: 5s
            backlog_metrics:
              - {metric: rabbitmq_queue_messages, entity: [queue], threshold: 50000}

            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try #require(try SourceSettings.fromConfig(path: path))
        #expect(read.settings.url == "http://127.0.0.1:8428")
        #expect(read.interval == .seconds(5))
        #expect(read.metrics.map(\.metric) == ["rabbitmq_queue_messages"])
        #expect(read.metrics.first?.threshold == 50_000)
        #expect(SourceFleet(metrics: read.metrics).metricNames().contains("rabbitmq_queue_messages"))
    }

    @Test func defaultsToMailboxesAndReportsABadEntryWhereItIs() throws {
        let plain = try write("source: http://127.0.0.1:8428\n")
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(try SourceSettings.fromConfig(path: plain)?.metrics == BacklogMetric.defaults)
        let bad = try write("source: http://127.0.0.1:8428\nbacklog_metrics:\n  - {metric: q, threshold: -1}\n")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        #expect {
            _ = try SourceSettings.fromConfig(path: bad)
        } throws: { error in
            "\(error)".contains(":3:") && "\(error)".contains("threshold")
        }
    }
}
