public import TimeSeries

/// A pull parser over the bytes of a Prometheus text or OpenMetrics exposition.
public struct ExpositionParser {
    public init(bytes: [UInt8], format: ExpositionFormat, strict: Bool = false) {}

    /// The next entry, or nil at the end of input.
    public mutating func next() throws(ExpositionParseError) -> ExpositionEntry? { nil }
}
