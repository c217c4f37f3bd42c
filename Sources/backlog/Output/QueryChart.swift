import Dashboard
import Query
import TimeSeries

/// Query results as a terminal chart: lines over time for ranges, bars for instant vectors.
///
/// Readable without color: each series has its own marker glyph, named in the legend.
enum QueryChart {
    static func render(
        _ value: QueryValue, title: String, timeRange: ClosedRange<Timestamp>? = nil, width: Int = OutputTerminal.width,
        color: Bool = OutputTerminal.wantsColor
    ) -> String {
        let width = max(30, min(width, 240))
        switch value {
        case .matrix(let series):
            let chartSeries = series.map { one in
                ChartSeries(name: QueryTable.legend(one.labels), points: one.points.map { ChartPoint(time: $0.t, value: $0.v) })
            }
            let chart = LineChart(series: chartSeries, timeRange: timeRange, symbols: color ? .unicode : .ascii)
            let height = 16 + min(chartSeries.count, 8)
            return title + "\n" + chart.renderText(width: width, height: height, color: color) + "\n"
        case .vector(let samples):
            return title + "\n" + bars(samples.map { (QueryTable.legend($0.labels), $0.v) }, width: width)
        case .scalar, .string:
            return QueryTable.render(value)
        }
    }

    /// One bar per series, longest first, scaled to the largest value.
    static func bars(_ rows: [(label: String, value: Double)], width: Int) -> String {
        guard !rows.isEmpty else { return "no series matched\n" }
        let sorted = rows.sorted { $0.value > $1.value }
        let labelWidth = min(sorted.map(\.label.count).max() ?? 0, width / 2)
        let numbers = sorted.map { HumanFormat.compact($0.value) }
        let numberWidth = numbers.map(\.count).max() ?? 0
        let barWidth = max(5, width - labelWidth - numberWidth - 4)
        let top = max(sorted.map(\.value).filter(\.isFinite).max() ?? 0, 0)
        var out = ""
        for (row, number) in zip(sorted, numbers) {
            let label = row.label.count > labelWidth ? String(row.label.prefix(labelWidth - 1)) + "…" : row.label
            let filled = top > 0 && row.value.isFinite ? Int((max(row.value, 0) / top * Double(barWidth)).rounded()) : 0
            out += label + String(repeating: " ", count: labelWidth - label.count) + "  "
            out += String(repeating: "█", count: filled) + String(repeating: " ", count: barWidth - filled)
            out += "  " + String(repeating: " ", count: numberWidth - number.count) + number + "\n"
        }
        return out
    }
}
