/// A PromQL binary operator, ranked as Prometheus ranks them.
enum BinaryOperator: String, Sendable {
    case or, and, unless
    case equal = "==", notEqual = "!=", greater = ">", less = "<", greaterOrEqual = ">=", lessOrEqual = "<="
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", atan2
    case power = "^"

    /// Higher binds tighter: `or` < `and unless` < comparisons < `+ -` < `* / % atan2` < `^`.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and, .unless: 2
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: 3
        case .add, .subtract: 4
        case .multiply, .divide, .modulo, .atan2: 5
        case .power: 6
        }
    }

    /// Only `^` groups to the right: `2 ^ 3 ^ 2` is `2 ^ (3 ^ 2)`.
    var isRightAssociative: Bool { self == .power }

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: true
        default: false
        }
    }

    var isSetOperator: Bool { self == .and || self == .or || self == .unless }

    /// Arithmetic changes what a value means, so Prometheus drops the metric name from its results.
    var dropsMetricName: Bool { !isComparison && !isSetOperator }
}
