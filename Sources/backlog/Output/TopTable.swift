import Ranking
import TimeSeries

/// The ranking as a table for people.
enum TopTable {
    /// An `EVIDENCE` column (`EvidenceColumn`: the verdict stored when an alert fired, or asked
    /// live) appears when any row has one.
    static func render(_ ranked: [RankedBacklog], at time: Timestamp, evidence: EvidenceColumn = EvidenceColumn()) -> String {
        let withEvidence = ranked.contains { evidence.of($0) != nil }
        var rows: [[String]] = []
        for (index, entry) in ranked.enumerated() {
            let status = RankingText.status(entry.outlook, threshold: entry.threshold)
            let shown = entry.shownGrowthPerSecond
            let growth = shown == 0 ? "0" : (shown > 0 ? "+" : "−") + count(abs(shown))
            var row = [
                "\(index + 1)", entry.entity, entry.series.labels["pid"] ?? "", entry.series.node, count(entry.queued),
                count(entry.peakQueued), growth, status,
            ]
            if withEvidence { row.append(evidence.of(entry).map(EvidenceColumn.text) ?? "") }
            rows.append(row)
        }
        let header = ["#", "PROCESS", "PID", "NODE", "QUEUED", "PEAK 1M", "Δ/S", "STATUS"] + (withEvidence ? ["EVIDENCE"] : [])
        return "backlogs at \(TimeArgument.format(time)), next bottleneck first\n"
            + QueryTable.columns(header: header, rows: rows, rightAligned: [0, 4, 5, 6])
    }

    static func count(_ value: Double) -> String { RankingText.count(value) }
}
