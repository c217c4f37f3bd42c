/// Which processes a node exports, as the exporter decides it: the top K by queue length, plus
/// every process at or above a floor, never more than a maximum number of series.
public struct ExportLimits: Hashable, Sendable {
    /// How many of the longest queues are always exported.
    public var topK: Int
    /// Any queue at least this long is exported even outside the top K.
    public var floor: Int
    /// The most process series one body may hold.
    public var maxSeries: Int

    public init(topK: Int = 20, floor: Int = 1000, maxSeries: Int = 200) {
        self.topK = topK
        self.floor = floor
        self.maxSeries = maxSeries
    }

    /// The exporter's own defaults.
    public static let exporterDefaults = ExportLimits()
}
