import Foundation
import Probe

/// The `--format summary` report: families, series, bytes and parse time.
enum ExpositionSummary {
    static func render(_ exposition: ParsedExposition, source: String, format: ExpositionFormat, parseSeconds: Double) -> String {
        let megabytes = Double(exposition.byteCount) / 1e6
        let rate = parseSeconds > 0 ? megabytes / parseSeconds : 0
        var out = "\(source)\n"
        out += "  format    \(format == .openMetrics ? "OpenMetrics 1.0" : "Prometheus text 0.0.4")\n"
        out += "  families  \(exposition.families.count)\n"
        out += "  series    \(exposition.samples.count)\n"
        out += "  bytes     \(exposition.byteCount)\n"
        out += "  parse     \(String(format: "%.3f", parseSeconds * 1000)) ms (\(String(format: "%.0f", rate)) MB/s)\n"
        let largest = exposition.families.sorted { $0.sampleCount > $1.sampleCount }.prefix(10)
        if !largest.isEmpty {
            out += "  largest families:\n"
            for family in largest {
                out += "    \(family.name) (\(family.type.rawValue)) \(family.sampleCount) series\n"
            }
        }
        return out
    }
}
