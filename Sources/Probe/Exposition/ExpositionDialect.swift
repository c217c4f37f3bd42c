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
