/// The two text formats a target may answer in.
public enum ExpositionFormat: String, Sendable {
    /// Prometheus text format 0.0.4 (timestamps in milliseconds).
    case prometheusText
    /// OpenMetrics 1.0 text (timestamps in seconds, `# EOF` required).
    case openMetrics

    /// What the transport sends in `Accept`: OpenMetrics preferred, Prometheus text accepted.
    public static let acceptHeader =
        "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    /// The format a response's `Content-Type` names; Prometheus text when it names neither.
    public static func from(contentType: String?) -> ExpositionFormat {
        guard let contentType = contentType?.lowercased() else { return .prometheusText }
        return contentType.hasPrefix("application/openmetrics-text") ? .openMetrics : .prometheusText
    }
}

/// The reading rules that differ between Prometheus text, OpenMetrics and strict OpenMetrics.
struct ExpositionDialect {
    let format: ExpositionFormat
    /// Strict reading applies to OpenMetrics only; Prometheus text has no stricter form.
    let isStrict: Bool

    init(format: ExpositionFormat, strict: Bool) {
        self.format = format
        isStrict = strict && format == .openMetrics
    }

    var isOpenMetrics: Bool { format == .openMetrics }

    var labelValueEscapes: EscapeDecoder.Rules {
        EscapeDecoder.Rules(decodesQuote: true, rejectsUnknown: isStrict)
    }

    var helpEscapes: EscapeDecoder.Rules {
        EscapeDecoder.Rules(decodesQuote: isOpenMetrics, rejectsUnknown: isStrict)
    }

    /// The type a family has before (or without) a `# TYPE` line.
    var untypedType: MetricType { isOpenMetrics ? .unknown : .untyped }

    /// The `# TYPE` words this format knows.
    var metricTypes: [MetricType] {
        isOpenMetrics
            ? [.counter, .gauge, .histogram, .gaugehistogram, .stateset, .info, .summary, .unknown]
            : [.counter, .gauge, .histogram, .summary, .untyped]
    }
}

/// Decodes the backslash escapes of label values and HELP text.
enum EscapeDecoder {
    /// Which escapes a piece of text recognises besides `\\` and `\n`.
    struct Rules {
        /// `\"` stands for `"` (label values; HELP in OpenMetrics only).
        var decodesQuote: Bool
        /// Any other escape is an error; otherwise it is kept as written, as Prometheus keeps it.
        var rejectsUnknown: Bool
    }

    /// Appends the decoded form of `raw` to `output`; returns the index in `raw` of an escape the rules reject.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, rules: Rules, into output: inout [UInt8]) -> Int? {
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let next: UInt8? = index + 1 < raw.count ? raw[index + 1] : nil
            switch next {
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "n"): output.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "\"") where rules.decodesQuote: output.append(UInt8(ascii: "\""))
            default:
                if rules.rejectsUnknown { return index }
                output.append(UInt8(ascii: "\\"))
                index += 1
                continue
            }
            index += 2
        }
        return nil
    }
}
