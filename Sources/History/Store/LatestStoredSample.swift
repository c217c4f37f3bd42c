public import TimeSeries

/// One series' newest sample at or before a time, as an instant selector reads it.
public struct LatestStoredSample: Sendable, Equatable {
    public var labels: Labels
    /// Milliseconds since the epoch.
    public var timestamp: Int64
    public var value: Double

    public init(labels: Labels, timestamp: Int64, value: Double) {
        self.labels = labels
        self.timestamp = timestamp
        self.value = value
    }

    public static func == (lhs: LatestStoredSample, rhs: LatestStoredSample) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamp == rhs.timestamp && lhs.value.bitPattern == rhs.value.bitPattern
    }
}
