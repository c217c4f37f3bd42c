/// One named line of a `LineChart`, its points in time order.
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var points: [ChartPoint]

    public init(name: String, points: [ChartPoint]) {
        self.name = name
        self.points = points
    }
}
