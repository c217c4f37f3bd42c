import Probe
import TimeSeries

/// Samples as aligned columns for people: series, value, and the exposition's timestamp if any.
enum SampleTable {
    static func render(_ samples: [Sample], source: String) -> String {
        guard !samples.isEmpty else { return "# \(source): no samples\n" }
        let rows = samples.map { sample in
            (sample.labels.description, SampleValueFormat.text(sample.value), sample.timestamp.map { String($0.milliseconds) } ?? "")
        }
        let seriesWidth = min(rows.map(\.0.count).max() ?? 0, 140)
        let valueWidth = rows.map(\.1.count).max() ?? 0
        let hasTimestamps = rows.contains { !$0.2.isEmpty }
        var out = "# \(source): \(samples.count) samples\n"
        out += pad("SERIES", seriesWidth) + "  " + pad("VALUE", valueWidth, right: true)
        out += hasTimestamps ? "  TIMESTAMP_MS\n" : "\n"
        for (series, value, timestamp) in rows {
            out += pad(series, seriesWidth) + "  " + pad(value, valueWidth, right: true)
            out += hasTimestamps ? "  \(timestamp)\n" : "\n"
        }
        return out
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = max(0, width - text.count)
        return right ? String(repeating: " ", count: gap) + text : text + String(repeating: " ", count: gap)
    }
}
