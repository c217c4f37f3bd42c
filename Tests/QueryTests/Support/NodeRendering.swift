@testable import Query

/// Renders a syntax tree fully parenthesized, so tests can state how text was grouped.
func render(_ node: Node) -> String {
    switch node {
    case .number(let value, _): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    case .string(let value, _): return "\"\(value)\""
    case .vectorSelector(let selector): return render(selector)
    case .matrixSelector(let matrix):
        var selector = matrix.selector
        let (offset, at) = (selector.offset, selector.at)
        (selector.offset, selector.at) = (0, nil)
        return render(selector) + "[\(matrix.range)ms]" + modifiers(offset: offset, at: at)
    case .subquery(let subquery):
        return "(" + render(subquery.expression) + ")[\(subquery.range)ms:\(subquery.step.map { "\($0)ms" } ?? "")]"
            + modifiers(offset: subquery.offset, at: subquery.at)
    case .call(let call): return call.function.rawValue + "(" + call.arguments.map(render).joined(separator: ", ") + ")"
    case .aggregation(let aggregation):
        let grouping = aggregation.grouping.isEmpty && !aggregation.without
            ? "" : (aggregation.without ? " without" : " by") + "(" + aggregation.grouping.joined(separator: ",") + ")"
        let arguments = ([aggregation.parameter].compactMap { $0 } + [aggregation.expression]).map(render)
        return aggregation.op.rawValue + grouping + "(" + arguments.joined(separator: ", ") + ")"
    case .binary(let operation):
        var op = operation.op.rawValue
        if operation.returnsBool { op += " bool" }
        if !operation.matching.labels.isEmpty || operation.matching.on {
            op += (operation.matching.on ? " on" : " ignoring") + "(" + operation.matching.labels.joined(separator: ",") + ")"
        }
        switch operation.matching.cardinality {
        case .manyToOne: op += " group_left(" + operation.matching.include.joined(separator: ",") + ")"
        case .oneToMany: op += " group_right(" + operation.matching.include.joined(separator: ",") + ")"
        default: break
        }
        return "(" + render(operation.lhs) + " " + op + " " + render(operation.rhs) + ")"
    case .unary(let operation): return (operation.negates ? "-" : "+") + render(operation.operand)
    case .parentheses(let inner, _): return "(" + render(inner) + ")"
    }
}

private func render(_ selector: VectorSelector) -> String {
    let matchers = selector.matchers.filter { selector.name == nil || $0.name != "__name__" || $0.value != selector.name }
    let braces = matchers.isEmpty ? "" : "{" + matchers.map(\.description).joined(separator: ",") + "}"
    return (selector.name ?? "") + braces + modifiers(offset: selector.offset, at: selector.at)
}

private func modifiers(offset: Int64, at: AtModifier?) -> String {
    var out = offset == 0 ? "" : " offset \(offset)ms"
    switch at {
    case .timestamp(let milliseconds): out += " @ \(milliseconds)ms"
    case .start: out += " @ start()"
    case .end: out += " @ end()"
    case nil: break
    }
    return out
}

/// The text parsed and rendered, or the error's description.
func parsed(_ text: String) -> String {
    do {
        return render(try QueryEngine.parse(text).root)
    } catch {
        return "error: \(error)"
    }
}
