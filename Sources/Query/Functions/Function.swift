/// A PromQL function this engine evaluates, with its Prometheus signature.
enum Function: String, Sendable {
    case rate, irate, increase, delta, idelta, deriv, changes, resets
    case predictLinear = "predict_linear"
    case avgOverTime = "avg_over_time"
    case minOverTime = "min_over_time"
    case maxOverTime = "max_over_time"
    case sumOverTime = "sum_over_time"
    case countOverTime = "count_over_time"
    case lastOverTime = "last_over_time"
    case absent
    case absentOverTime = "absent_over_time"
    case abs, ceil, floor, round, clamp
    case clampMin = "clamp_min"
    case clampMax = "clamp_max"
    case time, timestamp, vector, scalar, sort
    case sortDesc = "sort_desc"
    case labelReplace = "label_replace"
    case labelJoin = "label_join"
    case histogramQuantile = "histogram_quantile"

    var argumentTypes: [ValueType] {
        switch self {
        case .rate, .irate, .increase, .delta, .idelta, .deriv, .changes, .resets, .avgOverTime, .minOverTime,
            .maxOverTime, .sumOverTime, .countOverTime, .lastOverTime, .absentOverTime:
            [.matrix]
        case .predictLinear: [.matrix, .scalar]
        case .absent, .abs, .ceil, .floor, .timestamp, .scalar, .sort, .sortDesc: [.vector]
        case .round, .clampMin, .clampMax: [.vector, .scalar]
        case .clamp: [.vector, .scalar, .scalar]
        case .time: []
        case .vector: [.scalar]
        case .labelReplace: [.vector, .string, .string, .string, .string]
        case .labelJoin: [.vector, .string, .string, .string]
        case .histogramQuantile: [.scalar, .vector]
        }
    }

    /// Prometheus's `Variadic`: 0 when the arguments are exactly `argumentTypes`; otherwise the
    /// last listed argument is optional and may repeat this many times (-1: without limit).
    var variadic: Int {
        switch self {
        case .round: 1
        case .labelJoin: -1
        default: 0
        }
    }

    var returnType: ValueType {
        switch self {
        case .time, .scalar: .scalar
        default: .vector
        }
    }
}
