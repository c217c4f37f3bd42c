/// An aggregation operator such as `sum` or `topk`.
enum AggregationOperator: String, Sendable {
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk, quantile
    case countValues = "count_values"
    case limitk
    case limitRatio = "limit_ratio"

    /// `limitk` and `limit_ratio` are experimental in Prometheus; this engine refuses them.
    var isSupported: Bool { self != .limitk && self != .limitRatio }

    /// The type of the leading parameter, for the operators that take one.
    var parameterType: ValueType? {
        switch self {
        case .topk, .bottomk, .quantile, .limitk, .limitRatio: .scalar
        case .countValues: .string
        default: nil
        }
    }
}
