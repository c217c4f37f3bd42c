import TimeSeries

extension Evaluator {
    /// A binary operation with at least one instant-vector side.
    func evaluate(_ operation: BinaryOperation, _ grid: StepGrid) throws(QueryError) -> StepVectors {
        switch (operation.lhs.valueType, operation.rhs.valueType) {
        case (.vector, .vector):
            let lhs = try vectors(operation.lhs, grid)
            let rhs = try vectors(operation.rhs, grid)
            // Nothing to match against: skip numbering the other side's match groups (a join
            // with every node's info series after a threshold that nothing crossed).
            switch operation.op {
            case .or: break
            case .unless: if lhs.rowCount == 0 || rhs.rowCount == 0 { return lhs }
            default: if lhs.rowCount == 0 || rhs.rowCount == 0 { return StepVectors(stepCount: grid.count) }
            }
            if operation.op.isSetOperator { return try SetOperation(operation, lhs, rhs).result() }
            return try VectorMatcher(operation, lhs, rhs).result()
        case (.vector, _):
            let scalar = try scalars(operation.rhs, grid)
            let filter = Evaluator.comparisonFilter(operation, scalar, scalarOnLeft: false)
            return try withScalar(operation, try vectors(operation.lhs, grid, keeping: filter), scalar, scalarOnLeft: false)
        default:
            let scalar = try scalars(operation.lhs, grid)
            let filter = Evaluator.comparisonFilter(operation, scalar, scalarOnLeft: true)
            return try withScalar(operation, try vectors(operation.rhs, grid, keeping: filter), scalar, scalarOnLeft: true)
        }
    }

    /// Vector and scalar: the operator applies to every element; a comparison keeps the vector's
    /// element (its value, even when the scalar is on the left) or, with `bool`, gives 1 or 0.
    private func withScalar(
        _ operation: BinaryOperation, _ vector: StepVectors, _ scalar: [Double], scalarOnLeft: Bool
    ) throws(QueryError) -> StepVectors {
        let op = operation.op
        let dropsName = op.dropsMetricName || operation.returnsBool
        return try vector.mapRows(
            labels: { dropsName ? $0.withoutMetricName : $0 }, distinct: !dropsName || vector.hasOneMetricName,
            value: { element, step in
                let (lhs, rhs) = scalarOnLeft ? (scalar[step], element) : (element, scalar[step])
                let (value, keep) = op.apply(lhs, rhs)
                if operation.returnsBool { return keep ? 1 : 0 }
                guard keep else { return nil }
                return op.isComparison ? element : value
            })
    }
}
