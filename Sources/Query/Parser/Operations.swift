/// `function(arguments…)`
struct FunctionCall: Sendable {
    var function: Function
    var arguments: [Node]
    var position: Int
}

/// `op [by|without (labels)] ([parameter,] expression)`
struct Aggregation: Sendable {
    var op: AggregationOperator
    var parameter: Node?
    var expression: Node
    var grouping: [String]
    var without: Bool
    var position: Int
}

/// Which side of a vector operation may have several series per match group.
enum Cardinality: Sendable {
    case oneToOne, manyToOne, oneToMany, manyToMany
}

/// How the series of two vectors are paired: `on`/`ignoring` labels and `group_left`/`group_right`.
struct VectorMatching: Sendable {
    var cardinality: Cardinality
    /// True for `on(labels)`, false for `ignoring(labels)` (and for no clause, with no labels).
    var on = false
    var labels: [String] = []
    /// Labels `group_left(…)`/`group_right(…)` copy from the "one" side.
    var include: [String] = []
}

/// `lhs op [bool] [on|ignoring (…) [group_left|group_right (…)]] rhs`
struct BinaryOperation: Sendable {
    var op: BinaryOperator
    var lhs: Node
    var rhs: Node
    var matching: VectorMatching
    var returnsBool: Bool
    var operatorPosition: Int
}

/// `-operand` or `+operand`.
struct UnaryOperation: Sendable {
    var negates: Bool
    var operand: Node
    var position: Int
}
