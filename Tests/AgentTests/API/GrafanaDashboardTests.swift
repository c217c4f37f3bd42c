import Foundation
import TestSupport
import Testing
import TimeSeries

/// The shipped Grafana dashboard: importable JSON on a `${DS_PROMETHEUS}` data source, and every
/// query in it answered with data by a real agent's API, as Grafana asks for a panel.
@Suite struct GrafanaDashboardTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("grafana/backlog-fleet.json")

    /// Every `expr` anywhere in the JSON.
    static func expressions(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.sorted { $0.key < $1.key }.flatMap { key, value in
                key == "expr" ? [value as? String].compactMap { $0 } : expressions(value)
            }
        }
        if let list = value as? [Any] { return list.flatMap(expressions) }
        return []
    }

    @Test func everyPanelQueryAnswersWithData() async throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.file))
        let dashboard = try #require(json as? [String: Any])
        let inputs = try #require(dashboard["__inputs"] as? [[String: Any]])
        #expect(inputs.first?["name"] as? String == "DS_PROMETHEUS")
        #expect(inputs.first?["pluginId"] as? String == "prometheus")
        let expressions = Self.expressions(dashboard["panels"] as Any)
        #expect(expressions.count >= 8)
        for needed in ["topk(", "deriv(", "up{", "erlang_vm_statistics_run_queues_length", "ALERTS{"] {
            #expect(expressions.contains { $0.contains(needed) }, "a panel shows \(needed)")
        }
        try await withLoopbackServers([.ok(APIFixture.exposition)]) { exporters in
            let agent = try APIFixture(exporterPort: exporters[0].port)
            defer { agent.stop() }
            try await agent.waitForCycles()
            // The last step at or after now, so the live samples (the agent started moments ago) are in it.
            let now = Timestamp.now().milliseconds / 1000
            let end = agent.base + ((now - agent.base) / 60 + 1) * 60
            for expression in expressions {
                let query = expression.replacingOccurrences(of: "$job", with: ".*")
                let answer = try agent.post("/api/v1/query_range", form: [
                    ("query", query), ("start", "\(agent.base)"), ("end", "\(end)"), ("step", "60"),
                ])
                #expect(answer.status == 200, "\(query): \(answer.text)")
                #expect(answer.text.hasPrefix(#"{"status":"success","data":{"resultType":"matrix","result":[{"#), "\(query) has data: \(answer.text)")
            }
        }
    }
}
