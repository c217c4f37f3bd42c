import TimeSeries

/// The OpenMetrics 1.0 rules beyond syntax, checked on the entries the parser reads in strict mode.
///
/// The parser holds strict text to the ABNF itself (spacing, escapes, `# EOF`); this checks what
/// the entries mean: metadata once per family and before its samples, families contiguous and
/// with names no other family's samples could take, units that end the family name, sample names
/// and labels that fit the family's type, values each type allows, exemplars only where allowed,
/// and, through `MetricPointCheck`, how samples group into metrics and points.
struct OpenMetricsValidator {
    /// Where the parts of a sample line start, for errors that point at them.
    struct SampleSite {
        var nameStart: Int
        var value: Range<Int>
        var exemplarStart: Int?
    }

    /// What the rules track per family, by the family's index in the `FamilyTable`.
    private struct FamilyState {
        var metadata: Set<FamilyTable.MetadataKind> = []
        var hasSamples = false
        /// Another family's line came after this family's, so it may not continue.
        var isClosed = false
        /// The type its sample names were registered under, nil before it was first seen.
        var registeredType: MetricType?
    }

    private var families: [FamilyState] = []
    private var current: Int?
    /// Every sample name a family may have, and that family; two families may not share one.
    private var sampleNames: [String: Int] = [:]
    private var points = MetricPointCheck()

    /// Checks a HELP, TYPE or UNIT line, already recorded for `family`; its name starts at `nameStart`.
    mutating func metadata(
        _ entry: ExpositionEntry, family index: Int, in table: FamilyTable, nameStart: Int, cursor: ByteCursor
    ) throws(ExpositionParseError) {
        try points.finish(at: nameStart, cursor: cursor)
        points.leaveFamily()
        try enter(index, in: table, at: nameStart, cursor: cursor)
        let family = table.families[index]
        let kind: FamilyTable.MetadataKind
        switch entry {
        case .help: kind = .help
        case .type: kind = .type
        case .unit: kind = .unit
        case .sample, .endOfFile: return
        }
        if families[index].hasSamples {
            throw cursor.error("\(kind.rawValue) line for metric family \(MessageText.quoted(family.name)) must come before its samples", at: nameStart)
        }
        guard families[index].metadata.insert(kind).inserted else {
            throw cursor.error("second \(kind.rawValue) line for metric family \(MessageText.quoted(family.name))", at: nameStart)
        }
        // Strict lines have exactly one space between name and value.
        let valueStart = nameStart + family.name.utf8.count + 1
        let unit = family.unit ?? ""
        if kind == .unit, !unit.isEmpty, !family.name.hasSuffix("_" + unit) {
            throw cursor.error("metric family \(MessageText.quoted(family.name)) must end in \(MessageText.quoted("_" + unit)) to match its unit", at: valueStart)
        }
        if kind != .help, !unit.isEmpty, family.type == .info || family.type == .stateset {
            throw cursor.error("\(family.type.rawValue) \(MessageText.quoted(family.name)) must have no unit, not \(MessageText.quoted(unit))", at: valueStart)
        }
    }

    /// Checks a sample, attributed by the parser to a family in `table`.
    mutating func sample(
        _ sample: Sample, exemplar: Exemplar?, attribution: FamilyTable.Attribution, in table: FamilyTable,
        site: SampleSite, cursor: ByteCursor
    ) throws(ExpositionParseError) {
        let index = attribution.family
        try enter(index, in: table, at: site.nameStart, cursor: cursor)
        families[index].hasSamples = true
        let family = table.families[index]
        let type = family.type
        let suffix = attribution.suffix
        let allowed = MetricSuffix.allowed(for: type)
        guard allowed.contains(suffix) else {
            let expected = allowed.map { MessageText.quoted(family.name + $0.rawValue) }.joined(separator: " or ")
            throw cursor.error("sample \(MessageText.quoted(sample.labels.name)) does not fit \(type.rawValue) \(MessageText.quoted(family.name)); expected \(expected)", at: site.nameStart)
        }
        let bound = try checkLabels(sample, of: family, suffix, site: site, cursor: cursor)
        try checkValue(sample, of: family, suffix, site: site, cursor: cursor)
        if let exemplar, let offset = site.exemplarStart {
            try checkExemplar(exemplar, on: type, suffix, at: offset, cursor: cursor)
        }
        var spread: Set<String> = [Labels.metricName]
        if bound != nil { spread.insert("le") }
        if type == .summary, suffix == .none { spread.insert("quantile") }
        if type == .stateset { spread.insert(family.name) }
        try points.add(
            MetricPointCheck.Entry(
                sample: sample, family: index, familyName: family.name, type: type, suffix: suffix,
                metric: sample.labels.removing(spread), bound: bound, exemplar: exemplar,
                nameStart: site.nameStart, valueStart: site.value.lowerBound, exemplarStart: site.exemplarStart),
            cursor: cursor)
    }

    /// Checks what only the end can show; `cursor` is on the `# EOF` line.
    mutating func endOfFile(cursor: ByteCursor) throws(ExpositionParseError) {
        try points.finish(at: cursor.lineStart, cursor: cursor)
    }

    /// Makes `index` the current family: it may not come back once another family's line followed it.
    private mutating func enter(_ index: Int, in table: FamilyTable, at offset: Int, cursor: ByteCursor) throws(ExpositionParseError) {
        while families.count <= index { families.append(FamilyState()) }
        if current != index {
            if let current { families[current].isClosed = true }
            if families[index].isClosed {
                throw cursor.error("metric family \(MessageText.quoted(table.families[index].name)) appears again after other families; its lines must be contiguous", at: offset)
            }
            current = index
        }
        if families[index].registeredType != table.families[index].type {
            try register(index, in: table, at: offset, cursor: cursor)
        }
    }

    /// Claims the sample names the family's type gives it, which no other family may have.
    private mutating func register(_ index: Int, in table: FamilyTable, at offset: Int, cursor: ByteCursor) throws(ExpositionParseError) {
        let family = table.families[index]
        if let old = families[index].registeredType {
            for suffix in MetricSuffix.allowed(for: old) where sampleNames[family.name + suffix.rawValue] == index {
                sampleNames[family.name + suffix.rawValue] = nil
            }
        } else if family.name.hasPrefix("_") {
            throw cursor.error("metric family name \(MessageText.quoted(family.name)) starts with \"_\", which OpenMetrics reserves", at: offset)
        }
        for suffix in MetricSuffix.allowed(for: family.type) {
            let name = family.name + suffix.rawValue
            if let other = sampleNames[name], other != index {
                let clash = table.families[other]
                throw cursor.error("metric family \(MessageText.quoted(family.name)) (\(family.type.rawValue)) clashes with \(MessageText.quoted(clash.name)) (\(clash.type.rawValue)): both may have samples named \(MessageText.quoted(name))", at: offset)
            }
            sampleNames[name] = index
        }
        families[index].registeredType = family.type
    }

    /// Checks the labels the family's type requires or forbids; returns a bucket's `le` as a number.
    private func checkLabels(
        _ sample: Sample, of family: FamilyTable.Family, _ suffix: MetricSuffix, site: SampleSite, cursor: ByteCursor
    ) throws(ExpositionParseError) -> Double? {
        let name = MessageText.quoted(sample.labels.name)
        func at(_ label: String) -> Int { Self.labelOffset(label, cursor: cursor, nameStart: site.nameStart) }
        for label in sample.labels where label.name != Labels.metricName && label.name.hasPrefix("_") {
            throw cursor.error("label name \(MessageText.quoted(label.name)) starts with \"_\", which OpenMetrics reserves", at: at(label.name))
        }
        let isBucket = (family.type == .histogram || family.type == .gaugehistogram) && suffix == .bucket
        let isQuantile = family.type == .summary && suffix == .none
        if !isBucket, sample.labels["le"] != nil {
            throw cursor.error("label \"le\" belongs only on histogram buckets, not on \(name)", at: at("le"))
        }
        if !isQuantile, sample.labels["quantile"] != nil {
            throw cursor.error("label \"quantile\" belongs only on summary quantiles, not on \(name)", at: at("quantile"))
        }
        if family.type == .stateset, sample.labels[family.name] == nil {
            throw cursor.error("stateset sample \(name) has no \(MessageText.quoted(family.name)) label naming its state", at: site.nameStart)
        }
        if isQuantile {
            guard let text = sample.labels["quantile"] else {
                throw cursor.error("summary sample \(name) has no \"quantile\" label", at: site.nameStart)
            }
            guard let quantile = Self.number(text), quantile >= 0, quantile <= 1 else {
                throw cursor.error("invalid \"quantile\" value \(MessageText.quoted(text)); expected a number from 0 to 1", at: at("quantile"))
            }
        }
        guard isBucket else { return nil }
        guard let text = sample.labels["le"] else {
            throw cursor.error("histogram bucket \(name) has no \"le\" label", at: site.nameStart)
        }
        guard let bound = Self.number(text), !bound.isNaN else {
            throw cursor.error("invalid \"le\" value \(MessageText.quoted(text)); expected a number or \"+Inf\"", at: at("le"))
        }
        if bound == .infinity, text != "+Inf" {
            throw cursor.error("\"le\" value \(MessageText.quoted(text)) must be written \"+Inf\"", at: at("le"))
        }
        return bound
    }

    /// Checks the value against what the sample's role in its family allows.
    private func checkValue(
        _ sample: Sample, of family: FamilyTable.Family, _ suffix: MetricSuffix, site: SampleSite, cursor: ByteCursor
    ) throws(ExpositionParseError) {
        let value = sample.value
        let at = site.value.lowerBound
        if value.isInfinite, let last = cursor.bytes(site.value).last, ByteClass.isDigit(last) || last == UInt8(ascii: ".") {
            throw cursor.error("sample value \(cursor.quoted(site.value)) is beyond the range of a 64-bit float", at: at)
        }
        let role = "\(family.type.rawValue) sample \(MessageText.quoted(sample.labels.name))"
        var isCount = false
        var isCounter = false
        switch (family.type, suffix) {
        case (.histogram, .bucket), (.histogram, .count), (.gaugehistogram, .bucket), (.gaugehistogram, .gcount), (.summary, .count):
            isCount = true
        case (.counter, .total), (.histogram, .sum), (.summary, .sum):
            isCounter = true
        case (.gaugehistogram, .gsum):
            if value.isNaN { throw cursor.error("\(role) must not be NaN", at: at) }
        case (_, .created):
            if !value.isFinite { throw cursor.error("\(role) must be a finite timestamp", at: at) }
        case (.summary, .none):
            if value < 0 { throw cursor.error("\(role) must not be negative", at: at) }
        case (.info, _):
            if value != 1 { throw cursor.error("\(role) must be 1, not \(cursor.quoted(site.value))", at: at) }
        case (.stateset, _):
            if value != 0, value != 1 { throw cursor.error("\(role) must be 0 or 1, not \(cursor.quoted(site.value))", at: at) }
        default:
            break
        }
        guard isCount || isCounter else { return }
        if value.isNaN { throw cursor.error("\(role) must not be NaN", at: at) }
        if value < 0 { throw cursor.error("\(role) must not be negative", at: at) }
        if isCount, value != value.rounded(.towardZero) {
            throw cursor.error("\(role) must be a whole number, not \(cursor.quoted(site.value))", at: at)
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

    private static func number(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { NumberSyntax.float($0) }
    }

    /// Where the label `name` starts in the sample line at `nameStart`; the line is valid strict
    /// text, so a plain walk over its label set finds it. Only errors pay for this.
    private static func labelOffset(_ name: String, cursor: ByteCursor, nameStart: Int) -> Int {
        var walker = cursor
        walker.offset = nameStart
        _ = walker.scan(while: ByteClass.isMetricName)
        guard walker.skip(UInt8(ascii: "{")) else { return nameStart }
        while let first = walker.current, ByteClass.isLabelNameStart(first) {
            let label = walker.scan(while: ByteClass.isLabelName)
            if walker.bytes(label).elementsEqual(name.utf8) { return label.lowerBound }
            walker.offset += 2
            while let byte = walker.current, byte != UInt8(ascii: "\"") {
                walker.offset += byte == UInt8(ascii: "\\") ? 2 : 1
            }
            walker.offset += 1
            _ = walker.skip(UInt8(ascii: ","))
        }
        return nameStart
    }
}
