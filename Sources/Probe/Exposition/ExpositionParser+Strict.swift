import TimeSeries

extension ExpositionParser {
    /// The OpenMetrics 1.0 rules a sample must meet beyond syntax: its name suffix fits its family's
    /// type, counts are not negative, exemplars sit only where allowed, histogram buckets are sound.
    mutating func checkStrictSample(
        _ sample: Sample, attribution: FamilyTable.Attribution, exemplar: (exemplar: Exemplar, offset: Int)?,
        nameStart: Int, valueStart: Int, cursor: ByteCursor
    ) throws(ExpositionParseError) {
        let family = familyTable.families[attribution.family]
        let suffix = attribution.suffix
        let allowed = MetricSuffix.allowed(for: family.type)
        guard allowed.contains(suffix) else {
            let expected = allowed.map { MessageText.quoted(family.name + $0.rawValue) }.joined(separator: " or ")
            throw cursor.error("sample \(MessageText.quoted(sample.labels.name)) does not fit \(family.type.rawValue) \(MessageText.quoted(family.name)); expected \(expected)", at: nameStart)
        }
        if sample.value < 0, Self.mustNotBeNegative(family.type, suffix) {
            throw cursor.error("\(family.type.rawValue) sample \(MessageText.quoted(sample.labels.name)) must not be negative", at: valueStart)
        }
        if let exemplar {
            try checkExemplar(exemplar.exemplar, on: family.type, suffix, at: exemplar.offset, cursor: cursor)
        }
        let isBucket = (family.type == .histogram || family.type == .gaugehistogram) && suffix == .bucket
        do {
            try buckets.check(sample, family: attribution.family, isBucket: isBucket)
        } catch {
            throw cursor.error(error.message, at: nameStart)
        }
    }

    private func checkExemplar(
        _ exemplar: Exemplar, on type: MetricType, _ suffix: MetricSuffix, at offset: Int, cursor: ByteCursor
    ) throws(ExpositionParseError) {
        let allowed = (type == .counter && suffix == .total)
            || ((type == .histogram || type == .gaugehistogram) && suffix == .bucket)
        guard allowed else {
            throw cursor.error("exemplars are only allowed on counter \"_total\" and histogram \"_bucket\" samples", at: offset)
        }
        let length = exemplar.labels.reduce(0) { $0 + $1.name.unicodeScalars.count + $1.value.unicodeScalars.count }
        guard length <= 128 else {
            throw cursor.error("exemplar labels have \(length) characters; OpenMetrics allows at most 128", at: offset)
        }
    }

    private static func mustNotBeNegative(_ type: MetricType, _ suffix: MetricSuffix) -> Bool {
        switch (type, suffix) {
        case (.counter, .total), (.histogram, .bucket), (.histogram, .count), (.summary, .count),
             (.gaugehistogram, .bucket), (.gaugehistogram, .gcount):
            true
        default:
            false
        }
    }
}
