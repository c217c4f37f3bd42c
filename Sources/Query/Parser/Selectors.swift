import TimeSeries

/// What `@` pins an expression to: a time, or the start or end of the query.
enum AtModifier: Sendable, Equatable {
    case timestamp(Int64)
    case start
    case end
}

/// `name{label="value", …} offset … @ …`
struct VectorSelector: Sendable {
    /// The metric name written before the braces, if any; it is also the last matcher.
    var name: String?
    var matchers: [LabelMatcher]
    /// Milliseconds to look back from the evaluation time; negative looks ahead.
    var offset: Int64 = 0
    var at: AtModifier?
    var position: Int
}

/// `selector[range]`
struct MatrixSelector: Sendable {
    var selector: VectorSelector
    /// Milliseconds; the window is left-open: `(t - range, t]`.
    var range: Int64
}

/// `expression[range:step]`
struct Subquery: Sendable {
    var expression: Node
    var range: Int64
    /// Milliseconds between inner evaluations; nil for the engine's default step.
    var step: Int64?
    var offset: Int64 = 0
    var at: AtModifier?
}
