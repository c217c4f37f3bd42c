public import TimeSeries

/// Placeholder until the parser branch lands.
public struct ParsedExposition: Sendable {
    public var samples: [Sample] = []
    public var families: [MetricFamily] = []
    public var byteCount: Int = 0

    public static func parse(_ bytes: [UInt8], format: ExpositionFormat, strict: Bool = false) throws(ExpositionParseError)
        -> ParsedExposition
    { ParsedExposition() }
}

public struct MetricFamily: Sendable {
    public var name: String
    public var type: MetricType
    public var help: String?
    public var unit: String?
    public var sampleCount: Int
}
