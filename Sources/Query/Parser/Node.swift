/// A node of the syntax tree. Every node knows its value type and the byte offset where its
/// text starts, for error messages.
indirect enum Node: Sendable {
    case number(Double, position: Int)
    case string(String, position: Int)
    case vectorSelector(VectorSelector)
    case matrixSelector(MatrixSelector)
    case subquery(Subquery)
    case call(FunctionCall)
    case aggregation(Aggregation)
    case binary(BinaryOperation)
    case unary(UnaryOperation)
    case parentheses(Node, position: Int)

    var valueType: ValueType {
        switch self {
        case .number: .scalar
        case .string: .string
        case .vectorSelector, .aggregation: .vector
        case .matrixSelector, .subquery: .matrix
        case .call(let call): call.function.returnType
        case .binary(let operation):
            operation.lhs.valueType == .scalar && operation.rhs.valueType == .scalar ? .scalar : .vector
        case .unary(let operation): operation.operand.valueType
        case .parentheses(let inner, _): inner.valueType
        }
    }

    var position: Int {
        switch self {
        case .number(_, let position), .string(_, let position), .parentheses(_, let position): position
        case .vectorSelector(let selector): selector.position
        case .matrixSelector(let selector): selector.selector.position
        case .subquery(let subquery): subquery.expression.position
        case .call(let call): call.position
        case .aggregation(let aggregation): aggregation.position
        case .binary(let operation): operation.lhs.position
        case .unary(let operation): operation.position
        }
    }

    /// The node without any parentheses around it.
    var withoutParentheses: Node {
        if case .parentheses(let inner, _) = self { return inner.withoutParentheses }
        return self
    }
}
