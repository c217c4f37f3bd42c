import Agent
import Alerting
import Foundation
import History
import Query
import Testing
import TimeSeries

/// The agent's rule evaluation over the writer (`HistoryStore`, reading recent data from memory)
/// and over a `HistoryReader` on the same file (every read from SQLite) gives the same alerts and
/// the same rule samples, cycle after cycle, across chunk cuts, disappearing series and a restart;
/// and the same as the writer read without kept selections or widened reads (`SelectionCache`).
@Suite struct HistoryRuleReadTests {
    let directory = NSTemporaryDirectory() + "backlog-rule-reads-\(UUID().uuidString)"

    init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    static let rules = """
        groups:
          - name: g
            rules:
              - record: node:q:sum
                expr: sum by (node) (q)
              - alert: Deep
                expr: q > 150
                for: 5s
              - alert: Growing
                expr: rate(c[30s]) > 2
              - alert: PeakedLately
                expr: max_over_time(q[90s]) > 190
              - alert: NodeBusy
                expr: node:q:sum > 300
              - alert: WasDeep
                expr: q offset 40s > 180
              - alert: Missing
                expr: absent(q{pid="p3"})
              - record: q:avg20s
                expr: avg_over_time(q[20s])
              - record: c:increase5s
                expr: increase(c[5s])
        """

    /// Samples of one cycle: gauges `q` that come and go (with staleness markers), a counter `c`.
    func cycle(_ second: Int64) -> [Sample] {
        var samples: [Sample] = []
        let time = Timestamp(milliseconds: second * 1000)
        for pid in 0..<6 {
            let labels = Labels(["__name__": "q", "node": "n\(pid % 2)", "pid": "p\(pid)"])
            let present = (second / Int64(40 + pid * 7)) % 3 != 2
            let wasPresent = second > 0 && ((second - 1) / Int64(40 + pid * 7)) % 3 != 2
            if present {
                let value = Double((second * Int64(pid + 3) + Int64(pid * 37)) % 200)
                samples.append(Sample(labels: labels, value: value, timestamp: time))
            } else if wasPresent {
                samples.append(Sample(labels: labels, value: StoredSeries.staleMarker, timestamp: time))
            }
        }
        for node in 0..<2 {
            let increase = second % 50 < 25 ? Int64(node + 1) : Int64(node * 3 + 1)
            samples.append(Sample(labels: Labels(["__name__": "c", "node": "n\(node)"]), value: Double(second * increase), timestamp: time))
        }
        return samples
    }

    static func comparable(_ samples: [Sample]) -> [String] {
        samples.map { "\($0.labels) \($0.value.bitPattern) \($0.timestamp?.milliseconds ?? -1)" }
    }

    @Test func alertsAndRuleSamplesAreTheSameFromMemoryAndFromTheFile() throws {
        let path = directory + "/history.db"
        let options = HistoryOptions(chunkSamples: 12, idleCut: .seconds(20), memoryWindow: .seconds(60))
        let rules = RuleSet(files: [try RuleFileParser.parse(Self.rules, file: "rules.yml")])
        var store = try HistoryStore(path: path, options: options)
        var fromMemory = RuleEngine(rules: rules)
        var fromFile = RuleEngine(rules: rules)
        // Without kept selections or widened reads: what the agent's reads must still answer.
        var plain = RuleEngine(rules: rules)
        let spans = SelectionSpans()
        var fired = Set<String>()
        for second in Int64(0)..<360 {
            let now = Timestamp(milliseconds: second * 1000)
            try store.append(cycle(second), at: now)
            if second == 200 {
                // A restart: the writer's memory starts again from the reopened heads.
                store.close()
                store = try HistoryStore(path: path, options: options)
            }
            let reader = try HistoryReader(path: path)
            defer { reader.close() }
            let memory = fromMemory.evaluate(at: now, reader: HistorySeriesReader(store, spans: spans))
            let file = fromFile.evaluate(at: now, reader: HistorySeriesReader(reader))
            let uncached = plain.evaluate(at: now, reader: HistorySeriesReader(store, cache: SelectionCache(byteBudget: 0)))
            #expect(Self.comparable(memory.samples) == Self.comparable(uncached.samples), "kept selections at \(second)")
            #expect(memory.ruleErrors.isEmpty && file.ruleErrors.isEmpty)
            #expect(fromMemory.alerts == fromFile.alerts, "alerts at \(second)")
            #expect(Self.comparable(memory.recordedSamples) == Self.comparable(file.recordedSamples), "recorded at \(second)")
            #expect(Self.comparable(memory.alertSamples) == Self.comparable(file.alertSamples), "ALERTS at \(second)")
            #expect(memory.alertsToSend == file.alertsToSend, "sent at \(second)")
            for alert in fromMemory.alerts where alert.state == .firing { fired.insert(alert.labels["alertname"] ?? "") }
            // As the agent does: rule samples go back into the history and later rules read them.
            try store.append(memory.samples, at: now)
        }
        // Every rule fired at some point, so the comparison covered them all.
        #expect(fired == ["Deep", "Growing", "PeakedLately", "NodeBusy", "WasDeep", "Missing"])
        try? FileManager.default.removeItem(atPath: directory)
    }
}
