public import TimeSeries

/// One process's recent backlog: who it is and its samples, oldest first.
public struct BacklogSeries: Sendable {
    /// The series labels (`instance`, `name`, `pid`, …).
    public var labels: Labels
    /// The Erlang node name when known, else the target's host:port.
    public var node: String
    public var timestamps: [Int64]
    public var values: [Double]

    public init(labels: Labels, node: String, timestamps: [Int64], values: [Double]) {
        self.labels = labels
        self.node = node
        self.timestamps = timestamps
        self.values = values
    }

    /// The registered name when the process has one, else its pid (or the first entity label present).
    public func entityName(_ entity: [String]) -> String {
        for name in entity { if let value = labels[name], !value.isEmpty { return value } }
        return labels.description
    }
}
