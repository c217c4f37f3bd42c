public import TimeSeries

/// One series' samples in a time range, oldest first.
public struct SeriesData: Sendable, Equatable {
    public var labels: Labels
    /// Milliseconds since the epoch, strictly increasing.
    public var timestamps: [Int64]
    public var values: [Double]

    public init(labels: Labels, timestamps: [Int64], values: [Double]) {
        self.labels = labels
        self.timestamps = timestamps
        self.values = values
    }

    public static func == (lhs: SeriesData, rhs: SeriesData) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamps == rhs.timestamps
            && lhs.values.map(\.bitPattern) == rhs.values.map(\.bitPattern)
    }

    /// The order selections are returned in: by labels, as Prometheus's storage returns series.
    static func labelOrder(_ lhs: SeriesData, _ rhs: SeriesData) -> Bool {
        lhs.labels.storage.lexicographicallyPrecedes(rhs.labels.storage)
    }
}
