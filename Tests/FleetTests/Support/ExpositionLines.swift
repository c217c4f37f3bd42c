/// One sample line of a body, split the way the contract test needs it.
struct SampleLine: Equatable {
    var name: String
    /// Labels in the order the line writes them.
    var labels: [(name: String, value: String)]
    var value: String

    static func == (lhs: SampleLine, rhs: SampleLine) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value
            && lhs.labels.map(\.name) == rhs.labels.map(\.name) && lhs.labels.map(\.value) == rhs.labels.map(\.value)
    }

    subscript(label: String) -> String? { labels.first { $0.name == label }?.value }
}

/// A deliberately small reader for the text format: enough to check the fleet's own output, strict
/// about anything the exporter contract does not allow.
enum ExpositionLines {
    enum Line {
        case help(name: String, text: String)
        case type(name: String, type: String)
        case sample(SampleLine)
        case malformed(String)
    }

    static func lines(of body: [UInt8]) -> [Line] {
        let text = String(decoding: body, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { parse(String($0)) }
    }

    static func samples(of body: [UInt8]) -> [SampleLine] {
        lines(of: body).compactMap { if case .sample(let sample) = $0 { sample } else { nil } }
    }

    static func parse(_ line: String) -> Line {
        if let match = line.wholeMatch(of: #/# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)/#) {
            return .help(name: String(match.1), text: String(match.2))
        }
        if let match = line.wholeMatch(of: #/# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)/#) {
            return .type(name: String(match.1), type: String(match.2))
        }
        guard let match = line.wholeMatch(of: #/([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/#) else {
            return .malformed(line)
        }
        var labels: [(name: String, value: String)] = []
        if let labelText = match.2 {
            var rest = Substring(labelText)
            while !rest.isEmpty {
                guard let label = rest.prefixMatch(of: #/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,?)/#) else {
                    return .malformed(line)
                }
                labels.append((String(label.1), String(label.2)))
                rest = rest[label.range.upperBound...]
                if label.3.isEmpty, !rest.isEmpty { return .malformed(line) }
            }
        }
        return .sample(SampleLine(name: String(match.1), labels: labels, value: String(match.3)))
    }
}
