public import TimeSeries

/// Series read from a Prometheus-compatible API, for the engine and for the ranking.
///
/// A selector over an interval becomes one instant query of a range selector at its end
/// (`{matchers}[<span>]` at `through`), which every Prometheus-compatible store answers with the
/// raw samples it holds, not values resampled on a grid: what the local store would hand over.
/// Stores do not send staleness markers; a series that ended shows its samples up to its end.
public struct RemoteSeriesReader: SeriesReader {
    public let api: PrometheusAPI

    public init(api: PrometheusAPI) {
        self.api = api
    }

    public func series(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws -> [StoredSeries] {
        try rawSeries(matching: matchers, from: from, through: through)
    }

    /// The raw samples from `from` through `through` inclusive of each matching series, in label order.
    public func rawSeries(matching matchers: [LabelMatcher], from: Timestamp, through: Timestamp) throws(PrometheusAPIError)
        -> [StoredSeries]
    {
        // The range is left-open at the source: one millisecond more takes in a sample at `from`.
        let span = max(1, through.milliseconds - from.milliseconds + 1)
        let value = try api.instant("\(Self.selector(matchers))[\(span)ms]", at: through)
        guard case .matrix(let found) = value else {
            throw PrometheusAPIError(kind: .notPrometheus, source: api.source, reason: "answered a range selector with a \(value.typeName), not a matrix")
        }
        let series = found.map { one in
            StoredSeries(labels: one.labels, timestamps: one.points.map(\.t.milliseconds), values: one.points.map(\.v))
        }
        return series.sorted { Labels.precedes($0.labels, $1.labels) }
    }

    /// A PromQL selector for the matchers: `{__name__="m",pid="<0.1.0>"}`.
    public static func selector(_ matchers: [LabelMatcher]) -> String {
        "{" + matchers.map(\.description).joined(separator: ",") + "}"
    }
}

extension QueryValue {
    /// `scalar`, `string`, `vector` or `matrix`, as the API names result types.
    var typeName: String {
        switch self {
        case .scalar: "scalar"
        case .string: "string"
        case .vector: "vector"
        case .matrix: "matrix"
        }
    }
}
