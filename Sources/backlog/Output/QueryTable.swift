import Query
import TimeSeries

/// Query results as aligned text for people.
enum QueryTable {
    static func render(_ value: QueryValue) -> String {
        switch value {
        case .scalar(let t, let v): return "scalar  \(SampleValueFormat.text(v))  @ \(TimeArgument.format(t))\n"
        case .string(let t, let s): return "string  \(s)  @ \(TimeArgument.format(t))\n"
        case .vector(let samples):
            guard !samples.isEmpty else { return "no series matched\n" }
            return columns(
                header: ["SERIES", "VALUE"],
                rows: samples.map { [seriesText($0.labels), SampleValueFormat.text($0.v)] }, rightAligned: [1])
        case .matrix(let series):
            guard !series.isEmpty else { return "no series matched\n" }
            var rows: [[String]] = []
            for one in series {
                for point in one.points {
                    rows.append([seriesText(one.labels), TimeArgument.format(point.t), SampleValueFormat.text(point.v)])
                }
            }
            return columns(header: ["SERIES", "TIME", "VALUE"], rows: rows, rightAligned: [2])
        }
    }

    /// Series side by side: one row per time, one column per series (named by its labels' values).
    static func wide(_ series: [RangeSeries]) -> String {
        let times = Set(series.flatMap { $0.points.map(\.t) }).sorted()
        let lookup = series.map { Dictionary($0.points.map { ($0.t, $0.v) }, uniquingKeysWith: { _, last in last }) }
        let header = ["TIME"] + series.map { legend($0.labels) }
        let rows = times.map { time in
            [TimeArgument.format(time)] + lookup.map { $0[time].map(SampleValueFormat.text) ?? "" }
        }
        return columns(header: header, rows: rows, rightAligned: Set(1..<header.count))
    }

    /// `chat_router on chat1@host` for backlog legends, the label set otherwise.
    static func legend(_ labels: Labels) -> String {
        guard let process = labels["process"] else { return seriesText(labels) }
        return labels["node"].map { "\(process) on \($0)" } ?? process
    }

    static func seriesText(_ labels: Labels) -> String {
        labels.isEmpty ? "{}" : labels.description
    }

    static func columns(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], min(cell.count, 120)) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let gap = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return rightAligned.contains(index) ? gap + cell : (index == cells.count - 1 ? cell : cell + gap)
            }.joined(separator: "  ") + "\n"
        }
        return line(header) + rows.map(line).joined()
    }
}
