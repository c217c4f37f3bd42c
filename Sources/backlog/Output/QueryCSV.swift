import Query
import TimeSeries

/// Query results as CSV: one row per value, one column per label name.
enum QueryCSV {
    static func render(_ value: QueryValue) -> String {
        var rows: [(labels: Labels, t: Timestamp, v: String)] = []
        switch value {
        case .scalar(let t, let v): rows = [(Labels(), t, SampleValueFormat.text(v))]
        case .string(let t, let s): rows = [(Labels(), t, s)]
        case .vector(let samples): rows = samples.map { ($0.labels, $0.t, SampleValueFormat.text($0.v)) }
        case .matrix(let series):
            rows = series.flatMap { one in one.points.map { (one.labels, $0.t, SampleValueFormat.text($0.v)) } }
        }
        let names = Set(rows.flatMap { $0.labels.map(\.name) }).sorted()
        var out = (["time", "unix_seconds", "value"] + names).map(field).joined(separator: ",") + "\n"
        for row in rows {
            let cells = [TimeArgument.format(row.t), SampleValueFormat.text(row.t.seconds), row.v]
                + names.map { row.labels[$0] ?? "" }
            out += cells.map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
