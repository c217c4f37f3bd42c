// INTERIM: a minimal Prometheus text-format line parser, only so these tests do not depend on
// the parser branch. When `ParsedExposition.parse` lands in main, `ExporterScrape` switches to
// it and this file is deleted.
import TimeSeries

/// Parses the subset of the text format the exporter writes: `# HELP`, `# TYPE`, and
/// `name{label="value",…} number` lines with `\\`, `\"` and `\n` escapes.
enum InterimExpositionParser {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "line \(line): cannot parse \(text)" }
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> (samples: [Sample], types: [String: String]) {
        var samples: [Sample] = []
        var types: [String: String] = [:]
        for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated() {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { types[String(parts[2])] = String(parts[3]) }
            } else if line.hasPrefix("#") {
                continue
            } else if let sample = sample(Array(line.utf8)) {
                samples.append(sample)
            } else {
                throw Failure(line: number + 1, text: String(line))
            }
        }
        return (samples, types)
    }

    private static func sample(_ line: [UInt8]) -> Sample? {
        var index = 0
        var labels: [Label] = []
        while index < line.count, line[index] != UInt8(ascii: "{"), line[index] != UInt8(ascii: " ") { index += 1 }
        labels.append(Label(Labels.metricName, String(decoding: line[..<index], as: UTF8.self)))
        if index < line.count, line[index] == UInt8(ascii: "{") {
            index += 1
            while index < line.count, line[index] != UInt8(ascii: "}") {
                guard let (label, next) = label(line, from: index) else { return nil }
                labels.append(label)
                index = next
                if index < line.count, line[index] == UInt8(ascii: ",") { index += 1 }
            }
            index += 1
        }
        guard index < line.count, line[index] == UInt8(ascii: " ") else { return nil }
        let text = String(decoding: line[(index + 1)...], as: UTF8.self)
        guard let value = text == "+Inf" ? Double.infinity : Double(text) else { return nil }
        return Sample(labels: Labels(labels), value: value)
    }

    /// `name="value"` from `start`; returns the label and the index after the closing quote.
    private static func label(_ line: [UInt8], from start: Int) -> (Label, Int)? {
        guard let equals = line[start...].firstIndex(of: UInt8(ascii: "=")),
              equals + 1 < line.count, line[equals + 1] == UInt8(ascii: "\"") else { return nil }
        var value: [UInt8] = []
        var index = equals + 2
        while index < line.count, line[index] != UInt8(ascii: "\"") {
            if line[index] == UInt8(ascii: "\\"), index + 1 < line.count {
                index += 1
                value.append(line[index] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : line[index])
            } else {
                value.append(line[index])
            }
            index += 1
        }
        guard index < line.count else { return nil }
        let name = String(decoding: line[start..<equals], as: UTF8.self)
        return (Label(name, String(decoding: value, as: UTF8.self)), index + 1)
    }
}
