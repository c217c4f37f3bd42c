public import TimeSeries

/// One value of a chart series at a moment; NaN marks a gap.
public struct ChartPoint: Hashable, Sendable {
    public var time: Timestamp
    public var value: Double

    public init(time: Timestamp, value: Double) {
        self.time = time
        self.value = value
    }
}
