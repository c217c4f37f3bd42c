public import TimeSeries

/// One series as a store hands it over: its labels and its samples in time order.
///
/// Times and values are two parallel arrays so the engine can binary-search contiguous times and
/// hand out windows as slices, without copying samples per evaluation step. A class, so handing
/// a hundred thousand series from store to engine costs one reference count each, not three.
public final class StoredSeries: Sendable {
    public let labels: Labels
    /// Sample times in milliseconds since the epoch, ascending.
    public let timestamps: [Int64]
    public let values: [Double]

    public init(labels: Labels, timestamps: [Int64], values: [Double]) {
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    /// Prometheus's staleness marker (`Sample.staleMarker`), where the engine reads series.
    public static let staleMarker = Sample.staleMarker

    public static func isStaleMarker(_ value: Double) -> Bool { Sample.isStaleMarker(value) }
}
