public import TimeSeries

/// A whole exposition read at once: its samples and families, checked for series given twice.
public struct ParsedExposition: Sendable {
    public var samples: [Sample]
    /// The families in the order they first appear.
    public var families: [MetricFamily]
    /// The size of the exposition read.
    public var byteCount: Int

    public init(samples: [Sample], families: [MetricFamily], byteCount: Int) {
        self.samples = samples
        self.families = families
        self.byteCount = byteCount
    }

    /// Parses `bytes`; throws the first syntax or rule error, or else, pointing at its second
    /// occurrence, the first series (labels and timestamp) given twice, which Prometheus rejects.
    public static func parse(
        _ bytes: [UInt8], format: ExpositionFormat, strict: Bool = false
    ) throws(ExpositionParseError) -> ParsedExposition {
        var parser = ExpositionParser(bytes: bytes, format: format, strict: strict)
        var samples: [Sample] = []
        var duplicates = DuplicateSeriesCheck()
        try bytes.withUnsafeBufferPointer { (buffer) throws(ExpositionParseError) in
            while let entry = try parser.next(in: buffer) {
                guard case .sample(let sample, _) = entry else { continue }
                samples.append(sample)
                duplicates.append(hash: parser.lastSeriesHash, offset: parser.lastSampleOffset)
            }
            if let duplicate = duplicates.firstDuplicate(in: samples) {
                let sample = samples[duplicate]
                let at = sample.timestamp.map { " at timestamp \($0.milliseconds)" } ?? ""
                let cursor = ByteCursor(locating: duplicates.offsets[duplicate], in: buffer)
                throw cursor.error("duplicate series \(MessageText.shortened(sample.labels.description))\(at)")
            }
        }
        let families = parser.familyTable.families.map {
            MetricFamily(name: $0.name, type: $0.type, help: $0.help, unit: $0.unit, sampleCount: $0.sampleCount)
        }
        return ParsedExposition(samples: samples, families: families, byteCount: bytes.count)
    }
}
