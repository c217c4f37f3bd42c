/// One value of one series at one moment.
public struct Sample: Hashable, Sendable {
    public var labels: Labels
    public var value: Double
    /// The time the exposition gave, if any; the scrape time applies otherwise.
    public var timestamp: Timestamp?

    public init(labels: Labels, value: Double, timestamp: Timestamp? = nil) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }

    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamp == rhs.timestamp
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels)
        hasher.combine(timestamp)
    }
}
