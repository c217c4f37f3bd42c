import Ranking
import TimeSeries

/// The ranking as JSON, one object per process in rank order.
enum TopJSON {
    /// A process with evidence the agent stored for an alert also has `stored_evidence`:
    /// `{"verdict","reason","fetched_at","alert"}`; one asked live (`--evidence`) has
    /// `live_evidence`: `{"verdict","reason"}`, or `{"error"}`.
    static func render(_ ranked: [RankedBacklog], evidence: EvidenceColumn = EvidenceColumn()) -> String {
        let items = ranked.enumerated().map { index, entry in
            var fields = [
                "\"rank\":\(index + 1)", "\"process\":\(JSONString.quote(entry.entity))",
                "\"node\":\(JSONString.quote(entry.series.node))", "\"labels\":\(JSONString.object(entry.series.labels))",
                "\"queued\":\(number(entry.queued))", "\"peak_last_minute\":\(number(entry.peakQueued))",
                "\"growth_per_second\":\(number(entry.growthPerSecond))",
                "\"threshold\":\(number(entry.threshold))",
            ]
            fields.append("\"over_threshold_seconds\":\(entry.overThresholdSeconds.map(number) ?? "null")")
            fields.append("\"seconds_to_threshold\":\(entry.secondsToThreshold.map(number) ?? "null")")
            // Says why seconds_to_threshold is null: "steady", "draining", "under 1,000, too small to extrapolate"…
            fields.append("\"status\":\(JSONString.quote(RankingText.status(entry.outlook, threshold: entry.threshold)))")
            fields.append("\"reason\":\(JSONString.quote(entry.reason))")
            // A process type's entry: how many of its processes hold a non-empty queue.
            fields.append("\"processes\":\(entry.series.processes.map(number) ?? "null")")
            // Stuck or slow from the exporter's readings; null without them or for other verdicts.
            fields.append("\"verdict\":\(entry.verdict.map { JSONString.quote($0.kind.rawValue) } ?? "null")")
            fields.append("\"current_function\":\(entry.verdict.map { JSONString.quote($0.currentFunction) } ?? "null")")
            fields.append("\"verdict_seconds\":\(entry.verdict.map { number($0.seconds) } ?? "null")")
            if let shown = evidence.of(entry) { fields.append(EvidenceColumn.json(shown)) }
            return "{" + fields.joined(separator: ",") + "}"
        }
        return "[" + items.joined(separator: ",\n ") + "]"
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? (value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String((value * 1000).rounded() / 1000)) : "null"
    }
}
