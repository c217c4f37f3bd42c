import TimeSeries

/// Reads a series written as PromQL writes one: `metric{label="value", …}`, `{__name__="m"}`,
/// or a bare metric name — the `series` of test input and the `labels` of expected samples.
enum SeriesDescriptor {
    static func parse(_ text: String) throws(SeriesDescriptorError) -> Labels {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var labels: [Label] = []
        skipSpace(scalars, &index)
        let name = identifier(scalars, &index, metric: true)
        if !name.isEmpty { labels.append(Label(Labels.metricName, name)) }
        skipSpace(scalars, &index)
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while true {
                skipSpace(scalars, &index)
                if index < scalars.count, scalars[index] == "}" {
                    index += 1
                    break
                }
                let labelName = identifier(scalars, &index, metric: false)
                guard !labelName.isEmpty else { throw SeriesDescriptorError(text: text, column: index + 1, reason: "expected a label name") }
                skipSpace(scalars, &index)
                guard index < scalars.count, scalars[index] == "=" else {
                    throw SeriesDescriptorError(text: text, column: index + 1, reason: "expected = after \(labelName)")
                }
                index += 1
                skipSpace(scalars, &index)
                labels.append(Label(labelName, try quoted(scalars, &index, text: text)))
                skipSpace(scalars, &index)
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
        }
        skipSpace(scalars, &index)
        guard index == scalars.count, !labels.isEmpty else {
            throw SeriesDescriptorError(text: text, column: index + 1, reason: labels.isEmpty ? "no metric name or labels" : "unexpected text")
        }
        return Labels(labels)
    }

    private static func identifier(_ scalars: [Unicode.Scalar], _ index: inout Int, metric: Bool) -> String {
        var out = ""
        while index < scalars.count {
            let scalar = scalars[index]
            let letter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || (metric && scalar == ":")
            guard letter || (!out.isEmpty && ("0"..."9").contains(scalar)) else { break }
            out.unicodeScalars.append(scalar)
            index += 1
        }
        return out
    }

    private static func quoted(_ scalars: [Unicode.Scalar], _ index: inout Int, text: String) throws(SeriesDescriptorError) -> String {
        guard index < scalars.count, let quote = Optional(scalars[index]), quote == "\"" || quote == "'" || quote == "`" else {
            throw SeriesDescriptorError(text: text, column: index + 1, reason: "expected a quoted label value")
        }
        let start = index
        index += 1
        var out = ""
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == quote { return out }
            if scalar == "\\", quote != "`", index < scalars.count {
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "n": out += "\n"
                case "t": out += "\t"
                case "r": out += "\r"
                default: out.unicodeScalars.append(escaped)
                }
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        throw SeriesDescriptorError(text: text, column: start + 1, reason: "unterminated quoted string")
    }

    private static func skipSpace(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }
}

/// A series descriptor that does not read; `column` counts from 1 in the descriptor text.
struct SeriesDescriptorError: Error {
    var text: String
    var column: Int
    var reason: String
    var message: String { "\"\(text)\": \(reason) at column \(column)" }
}
