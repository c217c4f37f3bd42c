import Ranking
import TimeSeries

/// The ranking as a table for people.
enum TopTable {
    static func render(_ ranked: [RankedBacklog], at time: Timestamp) -> String {
        var rows: [[String]] = []
        for (index, entry) in ranked.enumerated() {
            let status = RankingText.status(entry.outlook, threshold: entry.threshold)
            let shown = entry.shownGrowthPerSecond
            let growth = shown == 0 ? "0" : (shown > 0 ? "+" : "−") + count(abs(shown))
            rows.append([
                "\(index + 1)", entry.entity, entry.series.labels["pid"] ?? "", entry.series.node, count(entry.queued),
                count(entry.peakQueued), growth, status,
            ])
        }
        return "backlogs at \(TimeArgument.format(time)), next bottleneck first\n"
            + QueryTable.columns(header: ["#", "PROCESS", "PID", "NODE", "QUEUED", "PEAK 1M", "Δ/S", "STATUS"], rows: rows,
                                    rightAligned: [0, 4, 5, 6])
    }

    static func count(_ value: Double) -> String { RankingText.count(value) }
}
