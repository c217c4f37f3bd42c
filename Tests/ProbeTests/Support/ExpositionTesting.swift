import Probe
import TimeSeries

/// Shortcuts for the exposition tests: parse text, collect entries, and report errors as `line:column: message`.
enum ExpositionTesting {
    static func entries(_ text: String, _ format: ExpositionFormat = .prometheusText, strict: Bool = false) throws(ExpositionParseError) -> [ExpositionEntry] {
        try entries(bytes: Array(text.utf8), format, strict: strict)
    }

    static func entries(bytes: [UInt8], _ format: ExpositionFormat = .prometheusText, strict: Bool = false) throws(ExpositionParseError) -> [ExpositionEntry] {
        var parser = ExpositionParser(bytes: bytes, format: format, strict: strict)
        var entries: [ExpositionEntry] = []
        while let entry = try parser.next() { entries.append(entry) }
        return entries
    }

    static func samples(_ text: String, _ format: ExpositionFormat = .prometheusText, strict: Bool = false) throws(ExpositionParseError) -> [Sample] {
        try entries(text, format, strict: strict).compactMap { entry in
            if case .sample(let sample, _) = entry { sample } else { nil }
        }
    }

    /// The error the pull parser reports, as `line:column: message`, or nil when the text parses.
    static func error(_ text: String, _ format: ExpositionFormat = .prometheusText, strict: Bool = false) -> String? {
        error(bytes: Array(text.utf8), format, strict: strict)
    }

    static func error(bytes: [UInt8], _ format: ExpositionFormat = .prometheusText, strict: Bool = false) -> String? {
        do {
            _ = try entries(bytes: bytes, format, strict: strict)
            return nil
        } catch {
            return error.description
        }
    }

    static func sample(_ labels: KeyValuePairs<String, String>, _ value: Double, at milliseconds: Int64? = nil) -> Sample {
        Sample(labels: Labels(labels), value: value, timestamp: milliseconds.map(Timestamp.init(milliseconds:)))
    }
}
