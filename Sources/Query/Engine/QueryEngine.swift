/// Evaluates PromQL over a series reader, the way Prometheus 3 does.
public struct QueryEngine: Sendable {
    public let reader: any SeriesReader
    public var options: QueryOptions

    public init(reader: any SeriesReader, options: QueryOptions = QueryOptions()) {
        self.reader = reader
        self.options = options
    }

    /// Parses and type-checks query text once, for evaluating many times.
    public static func parse(_ text: String) throws(QueryError) -> Expr {
        Expr(root: try Parser.parse(text), text: text)
    }
}
