/// What one `append` did with its samples; every sample is counted exactly once.
public struct AppendSummary: Sendable, Equatable {
    /// Samples stored.
    public var appended = 0
    /// Samples at the same timestamp as the series' last one with the same value, dropped silently.
    public var repeated = 0
    /// Samples at the same timestamp as the series' last one with another value, rejected.
    public var duplicates = 0
    /// Samples older than the series' last one, rejected.
    public var outOfOrder = 0
    /// Series seen for the first time.
    public var newSeries = 0
    /// Head chunks written out as chunk rows in this cycle.
    public var chunksWritten = 0

    public init() {}

    /// Samples given to the call.
    public var total: Int { appended + repeated + duplicates + outOfOrder }
}

/// What one `importSamples` did.
public struct ImportSummary: Sendable, Equatable {
    /// Samples written as chunks.
    public var imported = 0
    /// Samples without a timestamp, which an import cannot place.
    public var withoutTimestamp = 0
    /// Samples whose series and timestamp appeared earlier in the same import; the first was kept.
    public var duplicates = 0
    public var newSeries = 0
    public var chunksWritten = 0

    public init() {}
}
