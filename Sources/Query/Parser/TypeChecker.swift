import TimeSeries

/// Prometheus's checks after parsing: operand types, argument counts and types, and selector
/// sanity. Nested errors come first, as Prometheus reports its first error.
struct TypeChecker {
    let bytes: [UInt8]

    @discardableResult
    func check(_ node: Node) throws(QueryError) -> ValueType {
        switch node {
        case .number, .string:
            break
        case .vectorSelector(let selector):
            try check(selector)
        case .matrixSelector(let matrix):
            try check(matrix.selector)
        case .subquery(let subquery):
            let type = try check(subquery.expression)
            guard type == .vector else {
                throw error(at: node.position, "subquery is only allowed on instant vector, got \(type.rawValue) instead")
            }
        case .call(let call):
            try check(call)
        case .aggregation(let aggregation):
            try expect(.vector, aggregation.expression, in: "aggregation expression")
            if let parameter = aggregation.parameter, let type = aggregation.op.parameterType {
                try expect(type, parameter, in: "aggregation parameter")
            }
        case .binary(let operation):
            try check(operation)
        case .unary(let operation):
            let type = try check(operation.operand)
            guard type == .scalar || type == .vector else {
                throw error(
                    at: operation.position,
                    "unary expression only allowed on expressions of type scalar or instant vector, got \"\(type.documentedName)\"")
            }
        case .parentheses(let inner, _):
            try check(inner)
        }
        return node.valueType
    }

    private func check(_ selector: VectorSelector) throws(QueryError) {
        if let name = selector.name {
            if let other = selector.matchers.dropLast().first(where: { $0.name == Labels.metricName }) {
                throw error(
                    at: selector.position,
                    "metric name must not be set twice: \(GoQuote.string(name)) or \(GoQuote.string(other.value))")
            }
        } else if selector.matchers.allSatisfy({ $0.matches("") }) {
            // Matching the empty value matches every series; a typo should not select them all.
            throw error(at: selector.position, "vector selector must contain at least one non-empty matcher")
        }
    }

    private func check(_ call: FunctionCall) throws(QueryError) {
        let types = call.function.argumentTypes
        let name = GoQuote.string(call.function.rawValue)
        let count = call.arguments.count
        if call.function.variadic == 0 {
            guard count == types.count else {
                throw error(at: call.position, "expected \(types.count) argument(s) in call to \(name), got \(count)")
            }
        } else if count < types.count - 1 {
            throw error(at: call.position, "expected at least \(types.count - 1) argument(s) in call to \(name), got \(count)")
        } else if call.function.variadic > 0, count > types.count - 1 + call.function.variadic {
            throw error(
                at: call.position,
                "expected at most \(types.count - 1 + call.function.variadic) argument(s) in call to \(name), got \(count)")
        }
        for (index, argument) in call.arguments.enumerated() {
            try expect(types[min(index, types.count - 1)], argument, in: "call to function \(name)")
        }
    }

    private func check(_ operation: BinaryOperation) throws(QueryError) {
        let lhs = try check(operation.lhs)
        let rhs = try check(operation.rhs)
        let op = operation.op
        let matching = operation.matching
        if operation.returnsBool && !op.isComparison {
            throw error(at: operation.operatorPosition, "bool modifier can only be used on comparison operators")
        }
        if op.isComparison && !operation.returnsBool && lhs == .scalar && rhs == .scalar {
            throw error(at: operation.operatorPosition, "comparisons between scalars must use BOOL modifier")
        }
        if matching.on, let label = matching.labels.first(where: matching.include.contains) {
            throw error(
                at: operation.operatorPosition, "label \(GoQuote.string(label)) must not occur in ON and GROUP clause at once")
        }
        for (type, side) in [(lhs, operation.lhs), (rhs, operation.rhs)] where type != .scalar && type != .vector {
            throw error(at: side.position, "binary expression must contain only scalar and instant vector types")
        }
        if lhs != .vector || rhs != .vector {
            if !matching.labels.isEmpty {
                throw error(at: operation.lhs.position, "vector matching only allowed between instant vectors")
            }
        } else if op.isSetOperator && matching.cardinality != .manyToMany {
            throw error(at: operation.lhs.position, "no grouping allowed for \(GoQuote.string(op.rawValue)) operation")
        }
        if (lhs == .scalar || rhs == .scalar) && op.isSetOperator {
            throw error(
                at: operation.lhs.position,
                "set operator \(GoQuote.string(op.rawValue)) not allowed in binary scalar expression")
        }
    }

    private func expect(_ wanted: ValueType, _ node: Node, in context: String) throws(QueryError) {
        let type = try check(node)
        guard type == wanted else {
            throw error(
                at: node.position, "expected type \(wanted.documentedName) in \(context), got \(type.documentedName)")
        }
    }

    private func error(at offset: Int, _ message: String) -> QueryError {
        .parse(SourcePosition(offset: offset, in: bytes), message)
    }
}
