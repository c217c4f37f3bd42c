import TimeSeries

extension Evaluator {
    /// A function returning an instant vector.
    func evaluate(_ call: FunctionCall, _ grid: StepGrid) throws(QueryError) -> StepVectors {
        if call.function.readsWindows { return try evaluateOverWindows(call, grid) }
        let arguments = call.arguments
        switch call.function {
        case .abs: return try vectors(arguments[0], grid).mapValuesDroppingName { value, _ in Swift.abs(value) }
        case .ceil: return try vectors(arguments[0], grid).mapValuesDroppingName { value, _ in value.rounded(.up) }
        case .floor: return try vectors(arguments[0], grid).mapValuesDroppingName { value, _ in value.rounded(.down) }
        case .round:
            let input = try vectors(arguments[0], grid)
            let nearest = arguments.count > 1 ? try scalars(arguments[1], grid) : Array(repeating: 1, count: grid.count)
            // Rounding to the inverse keeps results like round(x, 0.1) free of representation noise.
            return try input.mapValuesDroppingName { value, step in
                let inverse = 1 / nearest[step]
                return (value * inverse + 0.5).rounded(.down) / inverse
            }
        case .clamp, .clampMin, .clampMax:
            return try clamp(call, grid)
        case .timestamp:
            if case .vectorSelector(let selector) = arguments[0].withoutParentheses {
                return try select(selector, grid, sampleTimes: true).mapValuesDroppingName { value, _ in value }
            }
            return try vectors(arguments[0], grid).mapValuesDroppingName { _, step in Double(grid.time(step)) / 1000 }
        case .vector:
            let values = try scalars(arguments[0], grid)
            var result = StepVectors(stepCount: grid.count)
            try result.appendRow(Labels()) { values[$0] }
            return result
        case .sort, .sortDesc:
            return try sorted(vectors(arguments[0], grid), descending: call.function == .sortDesc)
        case .labelReplace:
            return try labelReplace(vectors(arguments[0], grid), arguments.dropFirst().map(string))
        case .labelJoin:
            return try labelJoin(vectors(arguments[0], grid), arguments.dropFirst().map(string))
        case .histogramQuantile:
            return try histogramQuantile(scalars(arguments[0], grid), vectors(arguments[1], grid))
        case .absent:
            let input = try vectors(arguments[0], grid)
            var result = StepVectors(stepCount: grid.count)
            try result.appendRow(Evaluator.absentLabels(of: arguments[0])) { input.isEmpty(atStep: $0) ? 1 : nil }
            return result
        default:
            preconditionFailure("\(call.function.rawValue) does not return an instant vector")
        }
    }

    /// `clamp`, `clamp_min`, `clamp_max`: nothing at steps where the bounds cross.
    private func clamp(_ call: FunctionCall, _ grid: StepGrid) throws(QueryError) -> StepVectors {
        let input = try vectors(call.arguments[0], grid)
        let unbounded = Array(repeating: Double.infinity, count: grid.count)
        let lower = call.function == .clampMax ? unbounded.map { -$0 } : try scalars(call.arguments[1], grid)
        let upper: [Double]
        switch call.function {
        case .clamp: upper = try scalars(call.arguments[2], grid)
        case .clampMax: upper = try scalars(call.arguments[1], grid)
        default: upper = unbounded
        }
        return try input.mapValuesDroppingName { value, step in
            upper[step] < lower[step] ? nil : GoMath.max(lower[step], GoMath.min(upper[step], value))
        }
    }

    /// Orders a single-step result by value, NaN last; range results are ordered by labels
    /// anyway, as in Prometheus.
    private func sorted(_ input: StepVectors, descending: Bool) -> StepVectors {
        guard input.stepCount == 1 else { return input }
        let order = (0..<input.rowCount).sorted { left, right in
            let (a, b) = (input.value(row: left, step: 0) ?? .nan, input.value(row: right, step: 0) ?? .nan)
            if a.isNaN || b.isNaN { return !a.isNaN && b.isNaN }
            return descending ? a > b : a < b
        }
        return input.reordered(order)
    }
}
